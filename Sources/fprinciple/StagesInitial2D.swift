import Foundation
import MultiPrecision
import NeuralNetworks
import StageTheorems

/// `fprinciple stages initial` for a network with 2 inputs (widths [2, …, 1]): the initial stage
/// on ℝ² by the Double grid path (`InitialStage.computeGrid2D`), target in x1, x2, density
/// `normal2:…`, `mixture2:…` or `uniform2:A,B` (the default `normal:0,1` reads as `normal2:0,0,1`),
/// `--method grid` (the MPFR quadrature is 1-D only), `--side` grid points per axis.
extension StagesInitialCommand {
  /// Runs the 2-D computation when the network has 2 inputs; false (nothing done) otherwise.
  func runTwoDimensionalIfNeeded() throws -> Bool {
    let net: Network<Double>
    do { net = try Network<Double>.load(json: input.network) } catch { fail("\(error)") }
    guard net.inputDimension == 2 else { return false }
    guard method == "grid" else {
      fail(
        "a network with 2 inputs (widths \(net.widths)) has the Double grid path only: pass --method grid "
          + "(--side points per axis)")
    }
    let densityText = input.density == "normal:0,1" ? "normal2:0,0,1" : input.density
    let r: InitialStageResult
    var etas: [Double] = []
    do {
      let target = try StageTarget2D(input.target)
      guard SampleDensity2D.isTwoDimensional(densityText) else {
        throw StageError("--density: a network with 2 inputs needs normal2:…, mixture2:… or uniform2:A,B")
      }
      let density = try SampleDensity2D.parse(densityText)
      for part in input.eta.split(separator: ",", omittingEmptySubsequences: false) {
        guard let e = Double(part.trimmingCharacters(in: .whitespaces)), e.isFinite, e > 0 else {
          throw StageError("--eta: `\(part)` is not a number > 0")
        }
        etas.append(e)
      }
      r = try InitialStage.computeGrid2D(network: net, target: target, density: density, etas: etas, points: side)
    } catch let error as StageError {
      fail(error.message)
    }
    printInitialStage(
      r, etas: etas, json: input.json, digits: 16,
      extra: [("method", .string("grid2d")), ("dimension", .integer(2)), ("points_per_axis", .integer(side))],
      setting: ", d = 2, \(side) × \(side) grid")
    return true
  }
}
