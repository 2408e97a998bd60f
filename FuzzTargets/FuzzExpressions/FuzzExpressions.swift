import BallArithmetic
import Expressions
import Foundation
import FuzzSupport
import MultiPrecision

/// The expression tree (Foundation has a type of that name too).
typealias Expression = Expressions.Expression

/// Fuzz target: the expression language's lexer and parser, the canonical
/// printer, the static checks, and evaluation of whatever parses in `Double`,
/// `MPFloat`, `ArbBall` and `AcbBall` at a small precision.
///
/// Checked on every input: no trap; a parse error has a message; a parsed tree
/// printed and parsed again is the same tree (`Expression.parse(e.description)
/// == e`, as `Expression.description` promises). Evaluation is capped: inputs
/// over 1 KiB are not read, trees over 200 nodes are parsed and printed but not
/// evaluated, and libFuzzer's `-timeout` (scripts/fuzz.sh) reports an input that
/// takes longer as a defect.
@main
struct FuzzExpressions {
  static let precision = 64
  static let maximumNodes = 200

  static func main() { FuzzHarness.main(fuzz) }

  static func fuzz(_ data: Data) {
    guard data.count <= 1024 else { return }
    let text = String(decoding: data, as: UTF8.self)
    let e: Expression
    do {
      e = try Expression.parse(text)
    } catch {
      precondition(!"\(error)".isEmpty)
      return
    }
    let printed = e.description
    let back: Expression
    do { back = try Expression.parse(printed) } catch {
      preconditionFailure("the printed form of a parsed expression does not parse: \(printed): \(error)")
    }
    precondition(back == e, "print → parse changed the tree: \(text) → \(printed) → \(back.description)")
    guard nodeCount(e) <= maximumNodes else { return }
    evaluate(e, Double.self, x: 0.5, y: -1.25)
    evaluate(e, MPFloat.self, x: MPFloat(0.5, precision: precision), y: MPFloat(-1.25, precision: precision))
    evaluate(
      e, ArbBall.self, x: ArbBall(MPFloat(0.5, precision: precision)), y: ArbBall(MPFloat(-1.25, precision: precision)))
    evaluate(
      e, AcbBall.self, x: AcbBall(MPFloat(0.5, precision: precision)), y: AcbBall(MPFloat(-1.25, precision: precision)))
  }

  /// Validates against the variables `x`, `y`, then evaluates as a number or a
  /// truth value; errors are expected (unknown names, wrong arity, types).
  static func evaluate<T: ExpressionScalar>(_ e: Expression, _ type: T.Type, x: T, y: T) {
    let kind: ValueKind
    do { kind = try e.validate(functions: FunctionTable<T>(), variables: ["x", "y"]) } catch {
      precondition(!"\(error)".isEmpty)
      return
    }
    do {
      switch kind {
      case .number: _ = try e.evaluate(as: T.self, variables: ["x": x, "y": y], precision: precision)
      case .truth: _ = try e.evaluateTruth(as: T.self, variables: ["x": x, "y": y], precision: precision)
      }
    } catch {
      precondition(!"\(error)".isEmpty)
    }
  }

  static func nodeCount(_ e: Expression) -> Int {
    var n = 0
    var stack = [e]
    while let node = stack.popLast() {
      n += 1
      stack += node.children
    }
    return n
  }
}
