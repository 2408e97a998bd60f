import MultiPrecision

extension GDState {
  /// Runs GD from the current parameters: stops at the first step k with
  /// L(θ_k) < untilLoss; keeps θ at the first step with L < snapshotLoss.
  /// Divergence (L not finite, or L > 10⁶·L(θ₀)) and running out of steps are
  /// errors naming the step.
  mutating func run(
    learningRate eta: Double, configuration c: GDTrainedNetwork.Configuration
  ) throws(LFPError) -> (
    steps: Int, loss: Double, stopped: (steps: Int, loss: Double, parameters: GDTrainedNetwork.Parameters)?
  ) {
    var loss = forward()
    let initialLoss = loss
    var stopped: (steps: Int, loss: Double, parameters: GDTrainedNetwork.Parameters)? = nil
    var k = 0
    while true {
      if stopped == nil && loss < c.snapshotLoss { stopped = (k, loss, parameters) }
      if loss < c.untilLoss { break }
      guard k < c.maxSteps else {
        throw LFPError(
          "GD did not reach loss < \(c.untilLoss) within \(c.maxSteps) steps (loss \(loss) at step \(k)); "
            + "raise the step limit")
      }
      loss = step(eta)
      k += 1
      guard loss.isFinite, loss <= 1e6 * initialLoss else {
        throw LFPError(
          "GD diverged at step \(k): loss \(loss) (initial \(initialLoss)) with learning rate \(eta) = "
            + "c/λ_max; lower the learning-rate factor c")
      }
    }
    return (k, loss, stopped)
  }
}
