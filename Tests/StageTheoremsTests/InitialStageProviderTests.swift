import MultiPrecision
import Testing
import Verification

@testable import StageTheorems

/// `quadrature_double` computes in Double at the first attempt and hands over to
/// the MPFR quadrature when the runner retries an inconclusive check at a higher
/// working precision (a Double error cannot shrink with more bits).
@Suite struct InitialStageProviderTests {
  @Test func retryAtHigherPrecisionUsesMPFR() throws {
    let provider = InitialStageProvider()
    let arguments = ProviderArguments([
      ("quantity", .string("B")), ("method", .string("quadrature_double")), ("activation", .string("tanh")),
      ("widths", .string("3")), ("seed", .number("1")), ("density", .string("normal:0,1")),
      ("etas", .list([.number("0.5")])), ("eta", .number("0.5")), ("digits", .number("12")),
    ])
    let point = SweepPoint(index: 0, coordinates: [:], seed: 1)
    let first = try provider.compute(arguments, at: point, precision: 128)
    let retry = try provider.compute(arguments, at: point, precision: 256)
    #expect(first.metadata["method"]?.hasPrefix("Double quadrature") == true, "\(first.metadata)")
    #expect(retry.metadata["method"]?.hasPrefix("MPFR quadrature") == true, "\(retry.metadata)")
    // The two methods agree within the Double one's error, and the MPFR error is smaller.
    #expect((first.value - retry.value).magnitude <= first.radius + retry.radius)
    #expect(retry.radius < first.radius)
  }
}
