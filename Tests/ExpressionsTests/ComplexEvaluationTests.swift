import BallArithmetic
import Foundation
import MultiPrecision
import TestSupport
import Testing

@testable import Expressions

/// One mpmath reference value of `Tests/Fixtures/Expressions/generate_complex.py`.
struct ComplexReferenceCase: CustomTestStringConvertible, Sendable {
  let expression: String
  let variables: [String: [String]]
  let value: [String]
  var testDescription: String {
    expression + " at "
      + variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value[0])+\($0.value[1])i" }
      .joined(separator: ", ")
  }

  static let all: [ComplexReferenceCase] = {
    let url = PackagePaths.fixture("Expressions/complex_values.json")
    guard let data = try? Data(contentsOf: url),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let cases = json["cases"] as? [[String: Any]]
    else { return [] }
    return cases.map {
      ComplexReferenceCase(
        expression: $0["expression"] as! String,
        variables: $0["variables"] as! [String: [String]],
        value: $0["value"] as! [String])
    }
  }()

  /// The inputs rounded to `p` bits (exact balls).
  func bindings(precision p: Int) -> [String: AcbBall] {
    variables.mapValues { complexBall(MPFloat($0[0], precision: p)!, MPFloat($0[1], precision: p)!) }
  }

  var reference: (real: MPFloat, imaginary: MPFloat) {
    (MPFloat(value[0], precision: 256)!, MPFloat(value[1], precision: 256)!)
  }
}

/// The exact complex ball a + b i.
func complexBall(_ a: MPFloat, _ b: MPFloat) -> AcbBall {
  AcbBall(a) + AcbBall(b) * AcbBall.i(precision: Swift.max(a.precision, b.precision))
}

/// |a − b| / max(|b|, tiny), in MPFloat.
func relativeError(_ a: (real: MPFloat, imaginary: MPFloat), _ b: (real: MPFloat, imaginary: MPFloat)) -> MPFloat {
  let d = MPFloat.hypot(a.real - b.real, a.imaginary - b.imaginary)
  var scale = MPFloat.hypot(b.real, b.imaginary)
  if scale.isZero { scale = MPFloat(1, precision: 256) }
  return d / scale
}

@Suite struct ComplexEvaluationTests {
  @Test func fixturesArePresent() {
    #expect(ComplexReferenceCase.all.count > 300)
  }

  /// At least 45 of mpmath's 50 digits: the midpoint of the ball evaluated through the
  /// language at 256 bits (the inputs are exact at 256 bits to 10⁻⁷⁷, which matters near
  /// the zeros of ζ, where the relative condition number is ~10¹⁹).
  @Test(arguments: ComplexReferenceCase.all)
  func agreesWithMpmath(_ c: ComplexReferenceCase) throws {
    let e = try Expression.parse(c.expression)
    let v = try e.evaluate(as: AcbBall.self, variables: c.bindings(precision: 256), precision: 256)
    #expect(v.isFinite, "\(c.expression): \(v)")
    let err = relativeError(v.midpoint(), c.reference)
    #expect(
      err <= MPFloat("1e-45", precision: 64)!,
      "\(c.expression): got \(v.string(digits: 50)), mpmath \(c.value[0]) + \(c.value[1]) i, rel. error \(err.formatted(digits: 3))"
    )
  }

  /// The ball evaluation of every case (inputs enclosed from their decimals, 128 bits)
  /// contains mpmath's value, is finite, and is tight (each part's radius below 2^{−100}
  /// of |value|).
  @Test(arguments: ComplexReferenceCase.all)
  func ballsContainMpmath(_ c: ComplexReferenceCase) throws {
    let p = 128
    let vars = c.variables.mapValues {
      AcbBall(ArbBall(decimal: $0[0], precision: p)!)
        + AcbBall(ArbBall(decimal: $0[1], precision: p)!) * AcbBall.i(precision: p)
    }
    let e = try Expression.parse(c.expression)
    let r = try e.evaluate(as: AcbBall.self, variables: vars, precision: p)
    #expect(r.isFinite, "\(c.expression): \(r.string(digits: 20))")
    let ref = (real: MPFloat(c.value[0], precision: 200)!, imaginary: MPFloat(c.value[1], precision: 200)!)
    #expect(
      r.realBall.contains(ref.real) && r.imaginaryBall.contains(ref.imaginary),
      "\(c.expression): \(r.string(digits: 45)) ∌ mpmath \(c.value)")
    var tol = MPFloat.hypot(ref.real, ref.imaginary)
    tol.multiplyByPowerOfTwo(-100)
    // (Values on a branch cut, the cases without variables, may be loose: a
    // rectangle touching the cut encloses both sides.)
    // (Near a zero, |ζ(1/2 + 14.13…i)| ~ 10⁻¹⁹, the input's enclosure alone
    // limits the relative width.)
    let nearZero = MPFloat.hypot(ref.real, ref.imaginary) < MPFloat("1e-15")!
    if !tol.isZero && !c.variables.isEmpty && !nearZero {
      let width = Swift.max(r.realBall.width, r.imaginaryBall.width)
      #expect(width <= tol, "\(c.expression): \(r.string(digits: 40))")
    }
  }

  @Test func derivativeOfAPath() throws {
    let d = try #require(try Expression.parse("2 + exp(2*pi*i*t)/2 + t^3*sin(t)").derivative(with: "t"))
    // At t = 0.3: πi e^{0.6πi} + 3t² sin t + t³ cos t.
    let t = AcbBall(MPFloat("0.3")!)
    let v = try d.evaluate(as: AcbBall.self, variables: ["t": t])
    let exact = try Expression.parse("pi*i*exp(2*pi*i*t) + 3*t^2*sin(t) + t^3*cos(t)").evaluate(
      as: AcbBall.self, variables: ["t": t])
    #expect(relativeError(v.midpoint(), exact.midpoint()) < MPFloat("1e-70")!)
    #expect(try Expression.parse("abs(t)").derivative(with: "t") == nil)
  }

  @Test func theImaginaryUnit() throws {
    let z = try Expression.parse("i^2").evaluate(as: AcbBall.self, precision: 100)
    #expect(z.isExact && z.isReal && z.realMidpoint() == MPFloat(-1, precision: 100))
    // A bound variable named i shadows the unit.
    let w = try Expression.parse("i + 1").evaluate(as: AcbBall.self, variables: ["i": AcbBall(MPFloat(2))])
    #expect(w.isReal && w.realMidpoint() == MPFloat(3))
  }

  @Test func realEvaluationRejectsTheImaginaryUnit() {
    #expect(throws: ExpressionError.self) {
      try Expression.parse("exp(i*x)").evaluate(as: MPFloat.self, variables: ["x": MPFloat(1)])
    }
    #expect(throws: ExpressionError.self) { try Expression.parse("1 + i").evaluate(as: Double.self) }
  }

  @Test func realResultsStayReal() throws {
    // exp(−x²) at a real x, log of a positive, |z|: the imaginary part is an exact 0.
    for text in ["exp(-x^2) * cos(5*x)", "log(x)", "abs(3 + 4*i)", "gamma(x)", "re(x + 2*i)"] {
      let v = try Expression.parse(text).evaluate(as: AcbBall.self, variables: ["x": AcbBall(MPFloat("0.5")!)])
      #expect(v.isReal && v.isFinite, "\(text)")
    }
  }

  @Test func comparisonsOfComplexValues() throws {
    let t = try Expression.parse("abs(exp(i*x)) == 1").evaluateTruth(
      as: AcbBall.self, variables: ["x": AcbBall(MPFloat(0))])
    #expect(t == .true)
    let u = try Expression.parse("i < 2").evaluateTruth(as: AcbBall.self)
    #expect(u == .unknown)
  }

  @Test func lambertwResolvesByArgumentCount() throws {
    let x = MPFloat("-0.2")!
    let w0 = try Expression.parse("lambertw(x)").evaluate(as: MPFloat.self, variables: ["x": x])
    let w1 = try Expression.parse("lambertw(x, -1)").evaluate(as: MPFloat.self, variables: ["x": x])
    #expect(w0 > -1 && w1 < -1)
    #expect((w0 * MPFloat.exp(w0) - x).magnitude < MPFloat("1e-70")!)
    #expect((w1 * MPFloat.exp(w1) - x).magnitude < MPFloat("1e-70")!)
  }
}
