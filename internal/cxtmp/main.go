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
	b, _ := r.MarshalJSON()
	fmt.Println(string(b))
}
