module repayjump

go 1.19
