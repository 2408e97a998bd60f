extension Sequence {
  /// The convergence rule of every "converges at" measurement of the suite:
  /// the first index s (an epoch, a snapshot, an iteration) from which on
  /// `value` stays below ε, i.e. the least s with value(x_t) < ε for every
  /// t ≥ s; nil when the last element is not below ε. Used for Δ_F at a peak
  /// (`FrequencyErrorHistory.convergenceEpochs`), e_low and e_high
  /// (`FilteredErrorHistory`), a Jacobi error mode
  /// (`JacobiPoisson.convergenceIteration`) and a training loss.
  public func firstIndexStayingBelow<T: Comparable>(_ epsilon: T, _ value: (Element) -> T) -> Int? {
    let values = map(value)
    var first: Int? = nil
    for s in stride(from: values.count - 1, through: 0, by: -1) {
      if values[s] < epsilon { first = s } else { break }
    }
    return first
  }
}
