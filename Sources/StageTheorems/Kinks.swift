import MultiPrecision
import NeuralNetworks

/// The kinks of a 1-D network with a kinked activation on [a, b]: the points where a hidden
/// pre-activation zˡᵢ(x) crosses a kink c of σ (`ActivationRegularity.kinks`; 0 for every
/// built-in one), so that h and ∇_θh are only piecewise smooth.
///
/// For a piecewise polynomial activation (ReLU, leaky ReLU, ReLU^p, the step) the
/// search is complete, layer by layer: the first-layer pre-activations are linear,
/// z¹ᵢ = w_i x + b_i, with the zero −b_i/w_i. Between consecutive kinks of the layers
/// below ℓ every neuron of those layers keeps its branch, so zˡᵢ is a polynomial in x
/// there, of degree p^(ℓ−1) for ReLU^p (1 for ReLU, 0 after a step layer); its
/// coefficients are the Taylor jet of the network at the centre of the piece on that
/// piece's branches (exact: the jet of a polynomial of degree D with D + 1 orders).
/// Its real zeros on the piece are isolated by the derivative-sign partition
/// (`polynomialSignChanges`): the zeros of q′ split the piece into intervals where q
/// is monotone, so each holds at most one zero, found where q changes sign between
/// the ends, and refined on the network's pre-activation by the Illinois variant of
/// regula falsi at the working precision of `T`. Two close zeros are separated by the zero of q′ between them,
/// however close they are; only a zero whose sign change is below the rounding of
/// q at the critical point (a double zero to rounding, where σ(zˡᵢ) is smooth to the
/// same accuracy) can be taken as a touch.
///
/// Other activations with a kink (ELU: exponential on one branch) fall back to a scan
/// at `scanPoints` equally spaced points in Double, refined in `T`; two sign changes
/// of one neuron inside one scan cell are missed there (the nested-rule error
/// estimate of the integrals then grows and reports it).
func networkKinks<T: NetworkScalar>(
  _ network: Network<T>, from a: Double, to b: Double, scanPoints: Int = 4096
) -> [T] {
  let kinks: [T]
  if let branches = PolynomialBranches<T>(network.activation) {
    kinks = exactKinks(network, branches: branches, from: T(a), to: T(b))
  } else {
    kinks = scannedKinks(network, from: a, to: b, scanPoints: scanPoints)
  }
  return merged(kinks.sorted(), scale: T(b - a))
}

/// Merges coincident kinks (several neurons with the same zero).
private func merged<T: NetworkScalar>(_ kinks: [T], scale: T) -> [T] {
  var out: [T] = []
  let tiny = scale * T.ulpOfOne * 64
  for k in kinks where out.last.map({ abs(k - $0) > tiny }) ?? true { out.append(k) }
  return out
}

/// The two branches of a piecewise polynomial activation: σ(z) = z^p (p ≥ 1) or
/// the constant 1 (p = 0) for z > 0, and `negativeSlope`·z (ReLU: 0; leaky ReLU: α)
/// or 0 for z < 0.
struct PolynomialBranches<T: NetworkScalar> {
  /// p of the positive branch z^p (0: the step, σ = 1).
  var power: Int
  /// The slope of the negative branch (only for p = 1).
  var negativeSlope: T

  init?(_ activation: any Activation) {
    guard case .piecewisePolynomial(let p, let slope) = activation.regularity else { return nil }
    (power, negativeSlope) = (p, T(slope))
  }

  /// The degree of a layer-ℓ pre-activation (ℓ = 0: the first hidden layer) between kinks.
  func degree(layer: Int) -> Int {
    var d = 1
    for _ in 0..<layer { d *= power }
    return d
  }
}

/// The complete kink search for a piecewise polynomial activation (see `networkKinks`).
private func exactKinks<T: NetworkScalar>(
  _ network: Network<T>, branches: PolynomialBranches<T>, from a: T, to b: T
) -> [T] {
  var kinks: [T] = []
  var neuronOffset = 0
  for l in 0..<(network.layerCount - 1) {
    let pieces = [a] + merged(kinks.sorted().filter { $0 > a && $0 < b }, scale: b - a) + [b]
    var found: [T] = []
    for (lo, hi) in zip(pieces, pieces.dropFirst()) where hi > lo {
      let mid = (lo + hi) / 2
      let z = preactivationPolynomials(network, branches: branches, layer: l, at: mid)
      for i in z.indices {
        // The sign changes of the piece's polynomial; each zero is then refined on the
        // network's own pre-activation (Horner about the centre loses |z(centre)|·ε to
        // cancellation near the piece's ends), which has the same signs at the bracket's ends.
        for (u, v) in polynomialSignChanges(z[i], from: lo - mid, to: hi - mid) {
          let neuron = neuronOffset + i
          found.append(
            u == v
              ? mid + u
              : illinois({ network.hiddenPreactivations(at: [$0])[neuron] }, lower: mid + u, upper: mid + v))
        }
      }
    }
    kinks += found
    neuronOffset += network.widths[l + 1]
  }
  return kinks
}

/// The pre-activations of hidden layer `layer` as polynomials in t = x − `center`
/// (coefficients of t⁰ … t^D, D = `branches.degree(layer:)`), every neuron of the
/// layers below on the branch it has at `center`.
func preactivationPolynomials<T: NetworkScalar>(
  _ network: Network<T>, branches: PolynomialBranches<T>, layer: Int, at center: T
) -> [[T]] {
  let n = branches.degree(layer: layer) + 1
  func product(_ x: [T], _ y: [T]) -> [T] {
    var c = [T](repeating: .zero, count: n)
    for i in 0..<n where x[i] != .zero {
      for j in 0..<(n - i) { c[i + j] += x[i] * y[j] }
    }
    return c
  }
  var a: [[T]] = [[center] + (n > 1 ? [1] : []) + [T](repeating: .zero, count: max(0, n - 2))]
  for l in 0...layer {
    let nIn = network.widths[l], nOut = network.widths[l + 1]
    let wo = network.weightOffset(l), bo = network.biasOffset(l)
    let c = network.weightMultiplier(l)
    var z = [[T]](repeating: [T](repeating: .zero, count: n), count: nOut)
    for i in 0..<nOut {
      for j in 0..<nIn {
        let w = c * network.parameters[wo + i * nIn + j]
        for m in 0..<n { z[i][m] += w * a[j][m] }
      }
      z[i][0] += network.parameters[bo + i]
    }
    if l == layer { return z }
    a = z.map { zi in
      if zi[0] > .zero {
        if branches.power == 0 { return [1] + [T](repeating: .zero, count: n - 1) }
        var out = zi
        for _ in 1..<branches.power { out = product(out, zi) }
        return out
      }
      return zi.map { branches.negativeSlope * $0 }
    }
  }
  return []
}

/// q(t) by Horner's rule (coefficients from t⁰ up).
private func horner<T: NetworkScalar>(_ q: [T], _ t: T) -> T {
  var s = T.zero
  for c in q.reversed() { s = s * t + c }
  return s
}

/// The intervals [u, v] ⊂ [lo, hi] on which the polynomial q changes sign, one per
/// real zero of odd multiplicity: the zeros of q′ (recursively) split [lo, hi] into
/// intervals on which q is monotone, and each interval with q of opposite signs at its
/// ends holds exactly one zero. A zero exactly at a partition point is the degenerate
/// interval [t, t].
func polynomialSignChanges<T: NetworkScalar>(_ q: [T], from lo: T, to hi: T) -> [(T, T)] {
  var q = q
  while let last = q.last, last == .zero { q.removeLast() }
  guard q.count >= 2 else { return [] }
  var points = [lo]
  if q.count > 2 {
    let derivative = (1..<q.count).map { T($0) * q[$0] }
    for (u, v) in polynomialSignChanges(derivative, from: lo, to: hi) {
      let c = u == v ? u : illinois({ horner(derivative, $0) }, lower: u, upper: v)
      if c > points.last! && c < hi { points.append(c) }
    }
  }
  points.append(hi)
  let values = points.map { horner(q, $0) }
  var out: [(T, T)] = []
  for k in 0..<(points.count - 1) {
    if values[k] == .zero {
      out.append((points[k], points[k]))
    } else if values[k + 1] != .zero && (values[k] < .zero) != (values[k + 1] < .zero) {
      out.append((points[k], points[k + 1]))
    }
  }
  if values.last! == .zero { out.append((hi, hi)) }
  return out
}

/// Illinois regula falsi for a zero of f in [lower, upper] (f of opposite signs at
/// the ends), to 4 ulp of the interval's scale.
private func illinois<T: NetworkScalar>(_ f: (T) -> T, lower: T, upper: T) -> T {
  var a = lower, b = upper
  if a == b { return a }
  var fa = f(a), fb = f(b)
  if fa == .zero { return a }
  if fb == .zero { return b }
  var side = 0
  let stop = max(abs(a), abs(b), b - a) * T.ulpOfOne * 4
  for _ in 0..<400 {
    if abs(b - a) <= stop { break }
    var c = (a * fb - b * fa) / (fb - fa)
    if !(c > a && c < b) { c = (a + b) / 2 }
    let fc = f(c)
    if fc == .zero { return c }
    if (fc < .zero) == (fa < .zero) {
      a = c
      fa = fc
      if side == -1 { fb = fb / 2 }
      side = -1
    } else {
      b = c
      fb = fc
      if side == 1 { fa = fa / 2 }
      side = 1
    }
  }
  return (a + b) / 2
}

/// The scan for activations that are not piecewise polynomial: sign changes of zˡᵢ − c, for
/// every kink c of σ (`ActivationRegularity.kinks`), at `scanPoints` equally spaced points in
/// Double, refined at the working precision.
private func scannedKinks<T: NetworkScalar>(
  _ network: Network<T>, from a: Double, to b: Double, scanPoints n: Int
) -> [T] {
  let dnet = network.converted(to: Double.self)
  var kinks: [T] = []
  for c in network.activation.regularity.kinks {
    var previous = dnet.hiddenPreactivations(at: [a]).map { $0 - c }
    var previousX = a
    for s in 1...n {
      let x = a + (b - a) * Double(s) / Double(n)
      let z = dnet.hiddenPreactivations(at: [x]).map { $0 - c }
      for i in z.indices where (previous[i] < 0) != (z[i] < 0) && previous[i] != 0 && z[i] != 0 {
        kinks.append(
          illinois(
            { c == 0 ? network.hiddenPreactivations(at: [$0])[i] : network.hiddenPreactivations(at: [$0])[i] - T(c) },
            lower: T(previousX), upper: T(x)))
      }
      for i in z.indices where z[i] == 0 { kinks.append(T(x)) }
      previous = z
      previousX = x
    }
  }
  return kinks
}
