module example.com/utf16

go 1.22
