import COpenBLAS
import Foundation
import GradientFlow
import LinearAlgebra
import MultiPrecision

// flow-bench: the Swift side of Benchmarks/gradientflow/run.sh.
//
// Usage: flow-bench <out-dir> [rtol] [repeats]
// Builds two problems from a fixed seed, writes them to <out-dir>/problems.json
// (so scipy integrates exactly the same data), integrates them with this
// module's DOP853 at rtol = atol = <rtol>, and writes times, final states and
// step statistics to <out-dir>/swift.json, plus the references:
//   linear  — the eigen-exact solution u(T) = y + V e^{−ΛT} Vᵀ(u₀ − y) (LAPACK);
//   network — DOP853 at rtol = atol = 1e-13.

let args = CommandLine.arguments
guard args.count >= 2 else {
  FileHandle.standardError.write("usage: flow-bench <out-dir> [rtol] [repeats]\n".data(using: .utf8)!)
  exit(2)
}
let outDir = URL(fileURLWithPath: args[1])
let rtol = args.count > 2 ? Double(args[2])! : 1e-8
let repeats = args.count > 3 ? Int(args[3])! : 5
try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
var rng = SplitMix64(seed: 20_261_124)

// Problem 1: linear flow u' = −K(u − y), n = 200, K = GGᵀ/n (PSD).
let n = 200
let g = Matrix<Double>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in rng.uniform() })
let kMat = (1.0 / Double(n)) * (g * g.transposed)
let yLin = (0..<n).map { _ in rng.uniform() }
let u0Lin = (0..<n).map { _ in rng.uniform() }
let tLin = 20.0

// Problem 2: gradient flow θ' = −∇L(θ) of f(x) = Σⱼ aⱼ tanh(wⱼx + bⱼ), width m,
// L = (1/2N) Σᵢ (f(xᵢ) − yᵢ)², N = 20 points on [−1, 1].
let m = 100
let nData = 20
let xData = (0..<nData).map { -1 + 2 * Double($0) / Double(nData - 1) }
let yData = xData.map { Foundation.sin(Double.pi * $0) + 0.5 * Foundation.sin(3 * Double.pi * $0) }
let theta0 =
  (0..<m).map { _ in rng.uniform() / Double(m).squareRoot() }  // a
  + (0..<m).map { _ in 2 * rng.uniform() }  // w
  + (0..<m).map { _ in rng.uniform() }  // b
let tNet = 50.0

/// The two problems, as `peer.py` reads them (`problems.json`).
struct Problems: Encodable {
  struct Linear: Encodable {
    var n: Int, K: [Double], y: [Double], u0: [Double], T: Double
  }
  struct Network: Encodable {
    var width: Int, x: [Double], y: [Double], theta0: [Double], T: Double
  }
  var linear: Linear
  var network: Network
}
/// Writes a record as JSON (the package's one codec for typed records: Codable).
func write<R: Encodable>(_ record: R, to name: String) throws {
  try JSONEncoder().encode(record).write(to: outDir.appendingPathComponent(name))
}
try write(
  Problems(
    linear: .init(n: n, K: kMat.elements, y: yLin, u0: u0Lin, T: tLin),
    network: .init(width: m, x: xData, y: yData, theta0: theta0, T: tNet)),
  to: "problems.json")

// Right-hand sides, written for Double (CBLAS for the matrix–vector product).
var diff = [Double](repeating: 0, count: n)
let linearRHS: ODERightHandSide<Double> = { [n, yLin, kMat] _, u, du in
  for i in 0..<n { diff[i] = u[i] - yLin[i] }
  kMat.elements.withUnsafeBufferPointer { pk in
    diff.withUnsafeBufferPointer { pd in
      du.withUnsafeMutableBufferPointer { pu in
        cblas_dgemv(
          CblasRowMajor, CblasNoTrans, Int32(n), Int32(n), -1, pk.baseAddress, Int32(n), pd.baseAddress, 1, 0,
          pu.baseAddress, 1)
      }
    }
  }
}

var hidden = [Double](repeating: 0, count: m * nData)
var residual = [Double](repeating: 0, count: nData)
/// ∂L/∂aⱼ = Σᵢ rᵢ hᵢⱼ, ∂L/∂wⱼ = Σᵢ rᵢ aⱼ(1 − hᵢⱼ²)xᵢ, ∂L/∂bⱼ = Σᵢ rᵢ aⱼ(1 − hᵢⱼ²),
/// hᵢⱼ = tanh(wⱼxᵢ + bⱼ), rᵢ = (f(xᵢ) − yᵢ)/N.
/// tanh z is evaluated as 1 − 2/(1 + e^{2z}) (absolute error a few ulps of 1,
/// exact limits ±1): glibc's scalar tanh is 2× slower than exp, while numpy
/// uses a SIMD tanh; the references below use the same formula, and the
/// scipy-vs-Swift reference check bounds the effect.
@inline(__always) func fastTanh(_ z: Double) -> Double { 1 - 2 / (1 + Foundation.exp(2 * z)) }
let networkRHS: ODERightHandSide<Double> = { [m, nData, xData, yData] _, th, du in
  th.withUnsafeBufferPointer { p in
    hidden.withUnsafeMutableBufferPointer { h in
      residual.withUnsafeMutableBufferPointer { r in
        du.withUnsafeMutableBufferPointer { d in
          for i in 0..<nData {
            let x = xData[i]
            var f = 0.0
            for j in 0..<m {
              let v = fastTanh(p[m + j] * x + p[2 * m + j])
              h[i * m + j] = v
              f += p[j] * v
            }
            r[i] = (f - yData[i]) / Double(nData)
          }
          for j in 0..<(3 * m) { d[j] = 0 }
          for i in 0..<nData {
            let x = xData[i]
            let ri = r[i]
            for j in 0..<m {
              let v = h[i * m + j]
              let s = ri * p[j] * (1 - v * v)
              d[j] -= ri * v
              d[m + j] -= s * x
              d[2 * m + j] -= s
            }
          }
        }
      }
    }
  }
}

func timeBest(_ body: () -> ODESolution<Double>) -> (Double, ODESolution<Double>) {
  var best = Double.infinity
  var sol: ODESolution<Double>?
  for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    let s = body()
    let el = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    if el < best { best = el }
    sol = s
  }
  return (best, sol!)
}

let pair = RungeKuttaPair<Double>.dop853()
let opts = ODEOptions<Double>(rtol: rtol, atol: rtol)
var tight = ODEOptions<Double>(rtol: 1e-13, atol: 1e-13)
tight.maxSteps = 10_000_000

let (tl, sl) = timeBest { pair.integrate(linearRHS, t0: 0, u0: u0Lin, times: [tLin], options: opts) }
let flow = try LinearFlow(k: kMat, y: yLin)
let refLin = flow.exact(u0: u0Lin, at: tLin)
let (tn, sn) = timeBest { pair.integrate(networkRHS, t0: 0, u0: theta0, times: [tNet], options: opts) }
let refNetSol = pair.integrate(networkRHS, t0: 0, u0: theta0, times: [tNet], options: tight)
precondition(
  sl.succeeded && sn.succeeded && refNetSol.succeeded,
  "integration failed: \(sl.reason) \(sn.reason) \(refNetSol.reason)")

// Share of the time spent in the right-hand side itself (same number of calls).
func rhsSeconds(_ f: ODERightHandSide<Double>, _ u: [Double], calls: Int) -> Double {
  var du = u
  var best = Double.infinity
  for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<calls { f(0, u, &du) }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
  }
  return best
}
let rhsLin = rhsSeconds(linearRHS, u0Lin, calls: sl.statistics.evaluations)
let rhsNet = rhsSeconds(networkRHS, theta0, calls: sn.statistics.evaluations)

/// This engine's results, as `peer.py` reads them (`swift.json`).
struct Results: Encodable {
  struct Statistics: Encodable {
    var accepted: Int, rejected: Int, evaluations: Int
    init(_ s: ODESolution<Double>) {
      accepted = s.statistics.acceptedSteps
      rejected = s.statistics.rejectedSteps
      evaluations = s.statistics.evaluations
    }
  }
  struct Run: Encodable {
    var seconds: Double, rhs_seconds: Double, u: [Double], reference: [Double], stats: Statistics
    var reference_kind: String
  }
  var rtol: Double
  var linear: Run
  var network: Run
}
try write(
  Results(
    rtol: rtol,
    linear: .init(
      seconds: tl, rhs_seconds: rhsLin, u: sl.states.last!, reference: refLin, stats: .init(sl),
      reference_kind: "eigen-exact (LAPACK dsyevd)"),
    network: .init(
      seconds: tn, rhs_seconds: rhsNet, u: sn.states.last!, reference: refNetSol.states.last!, stats: .init(sn),
      reference_kind: "DOP853 rtol=atol=1e-13 (this module)")),
  to: "swift.json")
print("flow-bench: wrote \(outDir.path)/problems.json and swift.json")

extension SplitMix64 {
  /// Uniform in [−1, 1) with 53 random bits.
  mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-52 - 1 }
}
