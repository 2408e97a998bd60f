import MultiPrecision
print(MPFloat.withPrecision(333) { (MPFloat.pi * 2).formatted(digits: 100) })
