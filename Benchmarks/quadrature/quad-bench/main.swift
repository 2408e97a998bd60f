print("quad-bench: see Benchmarks/quadrature/run.sh")
