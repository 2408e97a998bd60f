// Evaluation cost of the expression language against the same formula
// written by hand in MPFloat (the peer), measured in the same run.
//
//   f(x) = exp(-x^2) * cos(5*x) + gamma(1/3)   at 256 bits, x on a grid of n points
//
// Peer: hand-written MPFloat code with Γ(1/3) hoisted out of the loop.
// Compared: CompiledExpression (compiled once; closed subexpressions folded)
// and Expression.evaluate (compiles on every call).
import BallArithmetic
import Expressions
import Foundation
import MultiPrecision

let bits = 256
let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 20000 : 20000
let expression = try! Expressions.Expression.parse("exp(-x^2) * cos(5*x) + gamma(1/3)")
let xs = (0..<n).map { MPFloat(Double($0) / Double(n), precision: bits) }

/// Best of `repeats` runs, in microseconds per evaluation; checks the sums agree.
func measure(_ body: () -> MPFloat) -> (microseconds: Double, sum: MPFloat) {
  var best = Double.infinity
  var sum = MPFloat(0, precision: bits)
  for _ in 0..<3 {
    let start = Date()
    sum = body()
    best = min(best, Date().timeIntervalSince(start))
  }
  return (best / Double(n) * 1e6, sum)
}

let gammaThird = RealFunction.gamma(MPFloat(1, precision: bits) / MPFloat(3, precision: bits))
let five = MPFloat(5, precision: bits)
let peer = measure {
  var s = MPFloat(0, precision: bits)
  for x in xs { s += MPFloat.exp(-(x * x)) * MPFloat.cos(five * x) + gammaThird }
  return s
}
let compiled = try! CompiledExpression<MPFloat>(expression, variables: ["x"], precision: bits)
let viaCompiled = measure {
  var s = MPFloat(0, precision: bits)
  for x in xs { s += try! compiled.evaluate([x]) }
  return s
}
let viaEvaluate = measure {
  var s = MPFloat(0, precision: bits)
  for x in xs { s += try! expression.evaluate(as: MPFloat.self, variables: ["x": x], precision: bits) }
  return s
}
precondition(peer.sum == viaCompiled.sum && peer.sum == viaEvaluate.sum, "sums differ")
// Certified evaluation on Arb's balls (the enclosures of claims and quadrature): the same
// compiled expression on real balls and on complex balls; the sum of the balls must contain
// the MPFR sum's neighbourhood (checked: the midpoints agree to 2^-200 relative).
let ballXs = xs.map { ArbBall($0) }
let compiledBall = try! CompiledExpression<ArbBall>(expression, variables: ["x"], precision: bits)
let viaBall = measure {
  var s = ArbBall(0, precision: bits)
  for x in ballXs { s = s + (try! compiledBall.evaluate([x])) }
  return s.midpoint(precision: bits)
}
let complexXs = xs.map { AcbBall($0) }
let compiledComplex = try! CompiledExpression<AcbBall>(expression, variables: ["x"], precision: bits)
let viaComplex = measure {
  var s = AcbBall(0, precision: bits)
  for x in complexXs { s = s + (try! compiledComplex.evaluate([x])) }
  return s.realMidpoint(precision: bits)
}
precondition(
  (viaBall.sum - peer.sum).magnitude <= peer.sum.magnitude * MPFloat.pow(MPFloat(2), -200), "ball sum differs")
print("n = \(n), \(bits) bits, f(x) = \(expression)")
print(String(format: "peer (hand-written MPFloat)  %8.2f us/eval", peer.microseconds))
print(
  String(
    format: "CompiledExpression           %8.2f us/eval   ratio to peer %.2f",
    viaCompiled.microseconds, viaCompiled.microseconds / peer.microseconds))
print(
  String(
    format: "Expression.evaluate per call %8.2f us/eval   ratio to peer %.2f",
    viaEvaluate.microseconds, viaEvaluate.microseconds / peer.microseconds))
print(
  String(
    format: "CompiledExpression<ArbBall>  %8.2f us/eval   ratio to peer %.2f",
    viaBall.microseconds, viaBall.microseconds / peer.microseconds))
print(
  String(
    format: "CompiledExpression<AcbBall>  %8.2f us/eval   ratio to peer %.2f",
    viaComplex.microseconds, viaComplex.microseconds / peer.microseconds))
