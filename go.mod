module github.com/azrule/azrule

go 1.26
