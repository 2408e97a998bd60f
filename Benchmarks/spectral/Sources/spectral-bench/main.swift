// Release-mode timings of the Spectral FFT and Gaussian filter, printed one
// line per case as `name size seconds` (best of several runs), for
// Benchmarks/spectral/run.sh to compare with numpy in the same run.
import ComplexModule
import Foundation
import MultiPrecision
import Spectral

func best(_ reps: Int, _ body: () -> Void) -> Double {
  var t = Double.infinity
  let clock = ContinuousClock()
  for _ in 0..<reps {
    let d = clock.measure(body)
    t = min(t, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
  }
  return t
}

var rng = SplitMix64(seed: 42)

extension SplitMix64 {
  /// Uniform in [−1, 1).
  mutating func uniform() -> Double { nextUniform() * 2 - 1 }
}

let args = CommandLine.arguments.dropFirst()
let sizes = args.isEmpty ? [256, 1024, 4096, 65536, 1000, 4095] : args.compactMap { Int($0) }
var sink = 0.0
for n in sizes {
  let y = (0..<n).map { _ in Complex(rng.uniform(), rng.uniform()) }
  let reps = max(5, min(2000, 2_000_000 / n))
  let plan = FourierPlan<Double>(count: n)
  let t = best(reps) { sink += plan.forward(y)[n / 3].real }
  print("fft \(n) \(t)")
  let u = best(reps) { sink += Fourier.transform(y)[n / 3].real }
  print("fft-unplanned \(n) \(u)")
}
// Gaussian filter weight matrix, n = 2000 points in d = 10.
let n = 2000, d = 10
let pts = PointSet(coordinates: (0..<(n * d)).map { _ in rng.uniform() }, dimension: d)
let tf = best(3) { sink += GaussianFilter(points: pts, delta: 0.5).weights[n + 1] }
print("gaussian-filter \(n)x\(d) \(tf)")
// e_low / e_high of 201 snapshots (n = 500 points in d = 64, 10 channels: the digits filtering
// run): every snapshot filtered on its own (its peer, the former path) against all snapshots in one
// side-by-side pass (`relativeErrors(target:snapshots:)`); the results must be equal bit for bit.
let nf = 500, df = 64, mf = 10, snapshots = 201
let filter = GaussianFilter(
  points: PointSet(coordinates: (0..<(nf * df)).map { _ in rng.uniform() }, dimension: df), delta: 2)
let target = (0..<(nf * mf)).map { _ in rng.uniform() }
let outputs = (0..<snapshots).map { _ in (0..<(nf * mf)).map { _ in rng.uniform() } }
var one: [FilteredErrors<Double>] = [], batched: [FilteredErrors<Double>] = []
let tOne = best(2) { one = outputs.map { filter.relativeErrors(target: target, output: $0, channels: mf) } }
let tBatch = best(2) { batched = filter.relativeErrors(target: target, snapshots: outputs, channels: mf) }
print(
  "filtered-errors \(nf)x\(mf)x\(snapshots) one-by-one \(tOne) batched \(tBatch) ratio \(tOne / tBatch)"
    + " equal \(one == batched)")
if sink.isNaN { print("unreachable") }
