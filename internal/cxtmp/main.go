package main

import (
	"fmt"
	"os"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

func main() {
	data, _ := os.ReadFile(os.Args[1])
	f := source.NewFile(os.Args[1], data)
	v, err := jsonc.Parse(f)
	if err != nil {
		panic(err)
	}
	t, errs := template.Decode(f, v)
	fmt.Println(errs)
	r := expand.Expand(t, expand.Options{})
	if len(os.Args) > 2 {
		for _, x := range r.Resources {
			fmt.Printf("%-40s %-50s %s dep=%q sym=%q\n", x.Type, x.Name, x.ID, x.Deployment, x.Symbol)
		}
		return
	}
	b, _ := r.MarshalJSON()
	fmt.Println(string(b))
}
