import MultiPrecision
import NeuralNetworks

/// The kinks of a 1-D ReLU-type network on [a, b]: the points where a hidden
/// pre-activation zˡᵢ(x) changes sign (σ is not smooth at 0 there, so h and
/// ∇_θh are only piecewise smooth).
///
/// A scan at `scanPoints` equally spaced points in Double finds the sign
/// changes; each bracket is then refined at the working precision of `T` by
/// the Illinois variant of regula falsi until it is below 4 ulp of the scale.
/// Two sign changes of one neuron inside one scan cell would be missed; the
/// nested-rule error estimate of the integrals then grows and reports it.
func networkKinks<T: NetworkScalar>(
  _ network: Network<T>, from a: Double, to b: Double, scanPoints: Int = 4096
) -> [T] {
  let dnet = network.converted(to: Double.self)
  let n = scanPoints
  var previous = dnet.hiddenPreactivations(at: [a])
  var previousX = a
  var kinks: [T] = []
  for s in 1...n {
    let x = a + (b - a) * Double(s) / Double(n)
    let z = dnet.hiddenPreactivations(at: [x])
    for i in z.indices where (previous[i] < 0) != (z[i] < 0) && previous[i] != 0 && z[i] != 0 {
      kinks.append(refineKink(network, neuron: i, lower: previousX, upper: x))
    }
    for i in z.indices where z[i] == 0 { kinks.append(T(x)) }
    previous = z
    previousX = x
  }
  kinks.sort()
  // Merge coincident kinks (several neurons with the same zero).
  var merged: [T] = []
  let tiny = T(b - a) * T.ulpOfOne * 64
  for k in kinks where merged.last.map({ abs(k - $0) > tiny }) ?? true { merged.append(k) }
  return merged
}

/// Illinois regula falsi on neuron `i`'s pre-activation in [lower, upper].
private func refineKink<T: NetworkScalar>(_ network: Network<T>, neuron i: Int, lower: Double, upper: Double) -> T {
  var a = T(lower), b = T(upper)
  var fa = network.hiddenPreactivations(at: [a])[i]
  var fb = network.hiddenPreactivations(at: [b])[i]
  var side = 0
  let stop = T(upper - lower) * T.ulpOfOne * 4
  for _ in 0..<400 {
    if abs(b - a) <= stop { break }
    var c = (a * fb - b * fa) / (fb - fa)
    if !(c > a && c < b) { c = (a + b) / 2 }
    let fc = network.hiddenPreactivations(at: [c])[i]
    if fc == 0 { return c }
    if (fc < 0) == (fa < 0) {
      a = c; fa = fc
      if side == -1 { fb = fb / 2 }
      side = -1
    } else {
      b = c; fb = fc
      if side == 1 { fa = fa / 2 }
      side = 1
    }
  }
  return (a + b) / 2
}
