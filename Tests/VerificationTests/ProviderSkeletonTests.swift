import Foundation
import MultiPrecision
import Testing
import Verification

/// The provider toolkit every provider shares: the `TypedQuantityProvider` skeleton (arguments
/// declared once and checked at load, quantity and method parsed once) and `ProviderCache`.
@Suite struct ProviderSkeletonTests {
  /// A provider with a quantity, a method and two declared arguments.
  struct Toy: TypedQuantityProvider {
    var name: String { "toy" }
    var summary: String { "a test provider" }
    enum QuantityName: String, ProviderChoice { case double, square }
    enum Method: String, ProviderChoice { case exact, rounded }
    static var methodKey: String? { "method" }
    static let arguments: [ProviderParameter] = [
      .init("x", .number, "the input"), .init("n", .integer(atLeast: 1), default: "1", "a count"),
    ]
    func compute(_ q: QuantityName, method: Method, _ p: ExperimentParameters, precision: Int) throws -> Quantity {
      let x = try p.double("x")
      var v = q == .double ? 2 * x : x * x
      if method == .rounded { v = v.rounded() }
      return Quantity(exact: MPFloat(v * Double(try p.int("n", default: 1, min: 1)), precision: 64))
    }
  }

  static func arguments(_ entries: [(String, ArgumentValue)]) -> ProviderArguments {
    ProviderArguments(entries.map { (key: $0.0, value: $0.1) })
  }

  @Test func listingComesFromTheDeclarations() {
    let toy = Toy()
    #expect(toy.quantities == ["double", "square"])
    #expect(toy.parameters.map(\.name) == ["quantity", "method", "x", "n"])
    #expect(toy.parameters[0].defaultValue == "double")
    #expect(toy.parameters[1].kind == .choice(["exact", "rounded"]))
  }

  @Test func loadTimeChecksNameTheArgument() throws {
    let toy = Toy()
    try toy.validate(Self.arguments([("x", .number("1.5")), ("quantity", .string("square"))]), sweepAxes: ["seed"])
    let cases: [([(String, ArgumentValue)], [String], String)] = [
      ([("y", .number("1"))], [], "y"),  // unknown key
      ([("x", .number("1"))], ["x"], "x"),  // both in args and as a sweep axis
      ([("x", .string("one"))], [], "x"),  // not a number
      ([("n", .number("0"))], [], "n"),  // below its minimum
      ([("quantity", .string("cube"))], [], "quantity"),  // not a declared quantity
      ([("method", .string("fast"))], [], "method"),  // not a declared method
    ]
    for (entries, axes, key) in cases {
      #expect(throws: ProviderError.self, "\(entries)") { try toy.validate(Self.arguments(entries), sweepAxes: axes) }
      do { try toy.validate(Self.arguments(entries), sweepAxes: axes) } catch { #expect(error.argument == key) }
    }
  }

  @Test func computeParsesQuantityAndMethodOnce() throws {
    let point = SweepPoint(index: 0, coordinates: ["x": .number("1.25")], seed: 0)
    let toy = Toy()
    let square = try toy.compute(Self.arguments([("quantity", .string("square"))]), at: point, precision: 64)
    #expect(square.value.doubleValue == 1.5625)
    let rounded = try toy.compute(
      Self.arguments([("method", .string("rounded")), ("n", .number("3"))]), at: point, precision: 64)
    #expect(rounded.value.doubleValue == 9)  // 2 × 1.25 = 2.5 rounds (ties away from zero) to 3; × n = 3
  }

  @Test func cacheComputesEachKeyOnceUnderConcurrency() async throws {
    struct Key: Hashable, Sendable { var k: Int }
    let cache = ProviderCache<Key, Int>()
    let counter = Counter()
    await withTaskGroup(of: Int.self) { group in
      for i in 0..<16 {
        group.addTask {
          (try? cache.value(for: Key(k: i % 2)) {
            counter.increment(); Thread.sleep(forTimeInterval: 0.02); return i % 2
          }) ?? -1
        }
      }
      var results: [Int] = []
      for await r in group { results.append(r) }
      #expect(results.sorted() == Array(repeating: 0, count: 8) + Array(repeating: 1, count: 8))
    }
    #expect(counter.value == 2)
    #expect(cache.count == 2)
  }

  @Test func cacheRemembersErrorsAndKeepsAtMostItsCapacity() throws {
    struct Failure: Error {}
    let cache = ProviderCache<Int, Int>(capacity: 2)
    let counter = Counter()
    for _ in 0..<2 {
      #expect(throws: Failure.self) {
        try cache.value(for: 0) {
          counter.increment(); throw Failure()
        }
      }
    }
    #expect(counter.value == 1)  // the error was remembered, not recomputed
    _ = try cache.value(for: 1) { 1 }
    _ = try cache.value(for: 2) { 2 }
    #expect(cache.count == 2)
    // Key 0 (the oldest) was evicted: it is computed again.
    #expect(throws: Failure.self) {
      try cache.value(for: 0) {
        counter.increment(); throw Failure()
      }
    }
    #expect(counter.value == 2)
  }
}

final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var n = 0
  func increment() { lock.lock(); n += 1; lock.unlock() }
  var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
