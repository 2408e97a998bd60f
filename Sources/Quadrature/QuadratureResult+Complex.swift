import MultiPrecision

extension QuadratureStatus {
  /// The status of a complex integral I = I_re + i·I_im whose parts were
  /// integrated separately (`re`, `im`): the requested accuracy is relative to
  /// |I| = hypot(I_re, I_im), not to each part, so a part that is 0 (or nearly)
  /// does not fail the whole integral when its absolute error is small against |I|.
  ///
  /// - A part that failed (`maxLevelReached`, `nonFinite`) fails the whole.
  /// - Otherwise the integral is `converged` when max(err_re, err_im) ≤ tolerance·|I|,
  ///   and `belowAbsoluteError` when it is not (|I| is below its own error).
  public static func complex(
    _ re: QuadratureResult<T>, _ im: QuadratureResult<T>,
    tolerance: T? = nil
  ) -> QuadratureStatus {
    for part in [re, im] {
      switch part.status {
      case .converged, .belowAbsoluteError: continue
      default: return part.status
      }
    }
    let tol = tolerance ?? Integration.defaultTolerance(T.self)
    let error = Swift.max(re.errorEstimate, im.errorEstimate)
    let magnitude = (re.value * re.value + im.value * im.value).squareRoot()
    return error <= tol * magnitude ? .converged : .belowAbsoluteError
  }
}
