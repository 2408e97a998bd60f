import MultiPrecision
import RealModule

extension GDTrainedNetwork.Parameters {
  /// h(x) = Σ_j a_j σ(w_j·x + b_j), summed over j in order.
  public func value(_ x: [Double], activation: LinearisedTwoLayer.Activation) -> Double {
    var s = 0.0
    for j in 0..<width {
      var z = b[j]
      for k in 0..<x.count { z += w[j][k] * x[k] }
      switch activation {
      case .relu: if z > 0 { s += a[j] * z }
      case .tanh: s += a[j] * Double.tanh(z)
      }
    }
    return s
  }
}

extension GDTrainedNetwork {
  /// The initial parameters θ₀.
  public var initialParameters: Parameters { Parameters(w: initial.w, b: initial.b, a: initial.a) }

  /// The trained network at `points`.
  public func values(at points: [[Double]]) -> [Double] {
    points.map { final.value($0, activation: initial.activation) }
  }

  /// The network at the snapshot (L first below `snapshotLoss`), nil if none.
  public func stoppedValues(at points: [[Double]]) -> [Double]? {
    stopped.map { s in points.map { s.parameters.value($0, activation: initial.activation) } }
  }

  /// ‖θ − θ₀‖₂/‖θ₀‖₂ over all of a, w, b: how far GD moved the parameters (in the
  /// NTK regime O(m^{−1/2})).
  public var relativeParameterChange: Double {
    let p0 = initialParameters
    var num = 0.0
    var den = 0.0
    for j in 0..<final.width {
      for k in 0..<final.w[j].count {
        num += (final.w[j][k] - p0.w[j][k]) * (final.w[j][k] - p0.w[j][k])
        den += p0.w[j][k] * p0.w[j][k]
      }
      num += (final.b[j] - p0.b[j]) * (final.b[j] - p0.b[j]) + (final.a[j] - p0.a[j]) * (final.a[j] - p0.a[j])
      den += p0.b[j] * p0.b[j] + p0.a[j] * p0.a[j]
    }
    return (num / den).squareRoot()
  }

  /// The number of (neuron j, data point i) with 1[w_j·x_i + b_j > 0] different at the
  /// end and at initialisation: ReLU activation-pattern flips on the data (0 in the
  /// exact linearised model).
  public var patternFlips: Int {
    let p0 = initialParameters
    var flips = 0
    for x in data.x {
      for j in 0..<final.width {
        var z0 = p0.b[j]
        var z1 = final.b[j]
        for k in 0..<x.count {
          z0 += p0.w[j][k] * x[k]
          z1 += final.w[j][k] * x[k]
        }
        if (z0 > 0) != (z1 > 0) { flips += 1 }
      }
    }
    return flips
  }
}
