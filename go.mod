module github.com/sealpeek/sealpeek

go 1.26.8
