// train-bench: times full-batch training for Benchmarks/training/run.sh.
//
//   train-bench SETUP OPTIMIZER STEPS OUTDIR
//
// SETUP "1d": the F-Principle reference (the authors' main_1d_20190924.py): target sin x + sin 4x
// on 61 evenly spaced points of [−10, 10], widths 1-200-200-200-100-1, tanh,
// weights and biases N(0, 0.05²), MSE, Adam lr 2e-5 (or GD lr 1e-3).
// SETUP "digits": the 1797 × 64 digits, widths 64-200-200-200-100-10, tanh,
// Xavier init, softmax cross-entropy, Adam lr 1e-3 (or GD lr 0.1).
// Writes OUTDIR/SETUP_init.json and OUTDIR/SETUP_data.csv (so the PyTorch peer
// starts from the same network and data) and prints one line of results.
import COpenBLAS
import Foundation
import NeuralNetworks

let args = CommandLine.arguments
guard args.count == 5, let steps = Int(args[3]) else {
  FileHandle.standardError.write(Data("usage: train-bench 1d|digits adam|gd STEPS OUTDIR\n".utf8))
  exit(2)
}
let setup = args[1], optimizerName = args[2], outDir = args[4]

let data: Dataset
let network: Network<Double>
let loss: any Loss
let lr: Double
switch setup {
case "1d":
  data = SyntheticData.sumOfSines(x: SyntheticData.grid(-10, 10, count: 61), frequencies: [1, 4])
  network = Network(
    widths: [1, 200, 200, 200, 100, 1], activation: Tanh(),
    initializer: Initializer(weights: .normal(std: 0.05), biases: .normal(std: 0.05)), seed: 2019)
  loss = MeanSquaredError()
  lr = optimizerName == "adam" ? 2e-5 : 1e-3
case "digits":
  data = try Digits.dataset()
  network = Network(
    widths: [64, 200, 200, 200, 100, 10], activation: Tanh(), initializer: Initializer(weights: .xavier), seed: 64)
  loss = SoftmaxCrossEntropy()
  lr = optimizerName == "adam" ? 1e-3 : 0.1
default:
  FileHandle.standardError.write(Data("unknown setup \(setup)\n".utf8))
  exit(2)
}
try network.jsonText().write(toFile: "\(outDir)/\(setup)_init.json", atomically: true, encoding: .utf8)
try data.csvText().write(toFile: "\(outDir)/\(setup)_data.csv", atomically: true, encoding: .utf8)

let options = TrainingOptions(steps: steps)
/// CPU seconds of this process (user + system): on a shared machine a less disturbed measure than
/// wall time (with one BLAS thread, both are the same on an idle machine).
func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
}
let start = DispatchTime.now().uptimeNanoseconds
let cpuStart = cpuSeconds()
let result: TrainingResult<Double>
if optimizerName == "adam" {
  result = train(network, on: data, loss: loss, optimizer: Adam(learningRate: lr), options: options)
} else {
  result = train(network, on: data, loss: loss, optimizer: GradientDescent(learningRate: lr), options: options)
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
let cpu = cpuSeconds() - cpuStart
print(
  "engine=swift setup=\(setup) optimizer=\(optimizerName) steps=\(steps) threads=\(openblas_get_num_threads())"
    + " seconds=\(seconds) steps_per_s=\(Double(steps) / seconds) cpu_seconds=\(cpu)"
    + " cpu_steps_per_s=\(Double(steps) / cpu) loss0=\(result.losses.first!) final_loss=\(result.losses.last!)"
)
