import CNetworkKernels
import MultiPrecision
import RealModule

/// The AVX-512 step of a ReLU network on scalar inputs (`fp_gd_relu_step1_avx512`), used when
/// the CPU has AVX-512F: the same IEEE operations as `GDPointers.step1` in the same order, so
/// a run gives the same bits either way (`GDTrainedNetworkTests`); `wanted = false` runs the
/// Swift loop (8 lanes in SSE2 registers, ~2.5 times slower).
enum GDWideKernel {
  static let available = fp_kernels_have_avx512() != 0
  @TaskLocal static var wanted = true
  static var enabled: Bool { available && wanted }
}

/// σ and σ′ on eight neurons at once (the activations of `GDTrainedNetwork`).
protocol GDActivationKernel {
  static func value(_ z: SIMD8<Double>) -> SIMD8<Double>
  /// (σ(z), σ′(z)).
  static func both(_ z: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>)
}

enum GDReLU: GDActivationKernel {
  @inline(__always) static func value(_ z: SIMD8<Double>) -> SIMD8<Double> {
    SIMD8(repeating: 0).replacing(with: z, where: z .> 0)
  }
  @inline(__always) static func both(_ z: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let on = z .> 0
    return (SIMD8(repeating: 0).replacing(with: z, where: on), SIMD8(repeating: 0).replacing(with: 1, where: on))
  }
}

enum GDTanh: GDActivationKernel {
  @inline(__always) static func value(_ z: SIMD8<Double>) -> SIMD8<Double> {
    var t = z
    for l in 0..<8 { t[l] = Double.tanh(z[l]) }
    return t
  }
  @inline(__always) static func both(_ z: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let t = value(z)
    return (t, 1 - t * t)
  }
}

/// The training state of `GDTrainedNetwork` in the layout of its loop: neurons in
/// blocks of eight lanes (zero-padded: a padded neuron has a = w = b = 0, so σ(0)·a = 0
/// and every gradient of it is 0 for ReLU and tanh: it never moves and adds nothing),
/// w stored per input coordinate. One step is one pass over the neurons that applies
/// the update from the current residual and accumulates the next forward pass; the
/// sums over neurons run per lane and then over the lanes 0…7 in order, so a run is
/// deterministic (the same seed gives the same bits).
struct GDState {
  let n: Int
  let d: Int
  let width: Int
  let activation: LinearisedTwoLayer.Activation
  /// x[i·d + k], y[i].
  let x: [Double]
  let y: [Double]
  /// w[k·blocks + block], b[block], a[block].
  var w: [SIMD8<Double>]
  var b: [SIMD8<Double>]
  var a: [SIMD8<Double>]
  /// The residual h(x_i) − y_i at the current parameters.
  var r: [Double]
  var blocks: Int { b.count }

  init(_ net: LinearisedTwoLayer, data: LFPData<Double>) {
    n = data.count
    d = data.dimension
    width = net.width
    activation = net.activation
    x = data.x.flatMap { $0 }
    y = data.y
    let blocks = (net.width + 7) / 8
    w = [SIMD8<Double>](repeating: .zero, count: blocks * d)
    b = [SIMD8<Double>](repeating: .zero, count: blocks)
    a = b
    for j in 0..<net.width {
      for k in 0..<d { w[k * blocks + j / 8][j % 8] = net.w[j][k] }
      b[j / 8][j % 8] = net.b[j]
      a[j / 8][j % 8] = net.a[j]
    }
    r = y.map { -$0 }
  }

  var parameters: GDTrainedNetwork.Parameters {
    let blocks = self.blocks
    return GDTrainedNetwork.Parameters(
      w: (0..<width).map { j in (0..<d).map { k in w[k * blocks + j / 8][j % 8] } },
      b: (0..<width).map { b[$0 / 8][$0 % 8] },
      a: (0..<width).map { a[$0 / 8][$0 % 8] })
  }

  /// Sets r from the lane sums h of the forward pass and returns L = ½Σr².
  private mutating func finish(_ h: [SIMD8<Double>]) -> Double {
    var loss = 0.0
    for i in 0..<n {
      var s = 0.0
      for l in 0..<8 { s += h[i][l] }
      r[i] = s - y[i]
      loss += r[i] * r[i]
    }
    return loss / 2
  }

  /// The forward pass at the current parameters: sets r, returns L.
  mutating func forward() -> Double {
    switch activation {
    case .relu: return forward(GDReLU.self)
    case .tanh: return forward(GDTanh.self)
    }
  }

  private mutating func forward<A: GDActivationKernel>(_: A.Type) -> Double {
    var h = [SIMD8<Double>](repeating: .zero, count: n)
    for blk in 0..<blocks {
      for i in 0..<n {
        var z = b[blk]
        for k in 0..<d { z += w[k * blocks + blk] * x[i * d + k] }
        h[i] += a[blk] * A.value(z)
      }
    }
    return finish(h)
  }

  /// One GD step θ ← θ − η∇L(θ) from the current residual, then the forward pass at
  /// the new parameters: sets r, returns the new L.
  mutating func step(_ eta: Double) -> Double {
    var h = [SIMD8<Double>](repeating: .zero, count: n)
    let (n, d, blocks) = (self.n, self.d, self.blocks)
    x.withUnsafeBufferPointer { x in
      r.withUnsafeBufferPointer { r in
        w.withUnsafeMutableBufferPointer { w in
          b.withUnsafeMutableBufferPointer { b in
            a.withUnsafeMutableBufferPointer { a in
              h.withUnsafeMutableBufferPointer { h in
                let p = GDPointers(n: n, d: d, blocks: blocks, x: x, r: r, w: w, b: b, a: a, h: h)
                switch (activation, d) {
                case (.relu, 1) where GDWideKernel.enabled: p.reluStep1AVX512(eta)
                case (.relu, 1): p.step1(eta, GDReLU.self)
                case (.relu, _): p.step(eta, GDReLU.self)
                case (.tanh, 1): p.step1(eta, GDTanh.self)
                case (.tanh, _): p.step(eta, GDTanh.self)
                }
              }
            }
          }
        }
      }
    }
    return finish(h)
  }
}

/// The buffers of one step.
struct GDPointers {
  let n: Int
  let d: Int
  let blocks: Int
  let x: UnsafeBufferPointer<Double>
  let r: UnsafeBufferPointer<Double>
  let w: UnsafeMutableBufferPointer<SIMD8<Double>>
  let b: UnsafeMutableBufferPointer<SIMD8<Double>>
  let a: UnsafeMutableBufferPointer<SIMD8<Double>>
  let h: UnsafeMutableBufferPointer<SIMD8<Double>>

  /// d = 1: ∂L/∂a_j = Σ_i r_i σ(z_ij), ∂L/∂b_j = a_j Σ_i r_i σ′(z_ij),
  /// ∂L/∂w_j = a_j Σ_i r_i x_i σ′(z_ij), z_ij = w_j x_i + b_j; then h_i += a′_j σ(w′_j x_i + b′_j).
  @inline(__always) func step1<A: GDActivationKernel>(_ eta: Double, _: A.Type) {
    let etaV = SIMD8<Double>(repeating: eta)
    for blk in 0..<blocks {
      let wv = w[blk]
      let bv = b[blk]
      let av = a[blk]
      var ga = SIMD8<Double>.zero
      var gs = SIMD8<Double>.zero
      var gw = SIMD8<Double>.zero
      for i in 0..<n {
        let (s, ds) = A.both(wv * x[i] + bv)
        ga += r[i] * s
        gs += r[i] * ds
        gw += (r[i] * x[i]) * ds
      }
      let an = av - etaV * ga
      let wn = wv - etaV * (av * gw)
      let bn = bv - etaV * (av * gs)
      w[blk] = wn
      b[blk] = bn
      a[blk] = an
      for i in 0..<n { h[i] += an * A.value(wn * x[i] + bn) }
    }
  }

  /// `step1` for ReLU in the C kernel (`GDWideKernel`).
  func reluStep1AVX512(_ eta: Double) {
    let lanes = { (p: UnsafeMutableBufferPointer<SIMD8<Double>>) in
      UnsafeMutableRawPointer(p.baseAddress!).assumingMemoryBound(to: Double.self)
    }
    fp_gd_relu_step1_avx512(n, blocks, x.baseAddress!, r.baseAddress!, lanes(w), lanes(b), lanes(a), lanes(h), eta)
  }

  /// Any d: as `step1` with ∂L/∂w_jk = a_j Σ_i r_i x_ik σ′(z_ij), z_ij = w_j·x_i + b_j.
  func step<A: GDActivationKernel>(_ eta: Double, _: A.Type) {
    let etaV = SIMD8<Double>(repeating: eta)
    var gw = [SIMD8<Double>](repeating: .zero, count: d)
    for blk in 0..<blocks {
      let bv = b[blk]
      let av = a[blk]
      var ga = SIMD8<Double>.zero
      var gs = SIMD8<Double>.zero
      for k in 0..<d { gw[k] = .zero }
      for i in 0..<n {
        var zi = bv
        for k in 0..<d { zi += w[k * blocks + blk] * x[i * d + k] }
        let (s, ds) = A.both(zi)
        ga += r[i] * s
        gs += r[i] * ds
        for k in 0..<d { gw[k] += (r[i] * x[i * d + k]) * ds }
      }
      let an = av - etaV * ga
      let bn = bv - etaV * (av * gs)
      for k in 0..<d { w[k * blocks + blk] -= etaV * (av * gw[k]) }
      b[blk] = bn
      a[blk] = an
      for i in 0..<n {
        var zi = bn
        for k in 0..<d { zi += w[k * blocks + blk] * x[i * d + k] }
        h[i] += an * A.value(zi)
      }
    }
  }
}
