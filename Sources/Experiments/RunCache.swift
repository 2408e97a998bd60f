import Foundation

/// A process-wide memo of expensive computations (training runs), keyed by a
/// string that names every parameter the computation depends on.
///
/// Thread-safe: when several sweep points ask for the same key at once, the
/// first computes and the others wait for its result, so one training run
/// serves every measurement made on it (each frequency peak, each filter width
/// δ, each layer). Put the measurement axes FIRST in a theorem's sweep: the
/// runner starts points in sweep order, so the first points then train
/// different runs in parallel and the later ones find them done, instead of
/// waiting.
public final class RunCache<Value: Sendable>: @unchecked Sendable {
  private enum Slot { case running, done(Result<Value, any Error>) }
  private let condition = NSCondition()
  private var slots: [String: Slot] = [:]
  /// The order keys were first completed in (for tests and eviction).
  private var order: [String] = []
  /// At most this many results are kept (the oldest go first).
  public let capacity: Int

  public init(capacity: Int = 256) { self.capacity = capacity }

  /// The value for `key`, computed by `compute` once per key.
  public func value(for key: String, compute: () throws -> Value) throws -> Value {
    condition.lock()
    while true {
      switch slots[key] {
      case .done(let r)?:
        condition.unlock()
        return try r.get()
      case .running?:
        condition.wait()
      case nil:
        slots[key] = .running
        condition.unlock()
        let result = Result { try compute() }
        condition.lock()
        slots[key] = .done(result)
        order.append(key)
        while order.count > capacity { slots[order.removeFirst()] = nil }
        condition.broadcast()
        condition.unlock()
        return try result.get()
      }
    }
  }

  /// Number of finished entries.
  public var count: Int {
    condition.lock(); defer { condition.unlock() }
    return order.count
  }

  /// Forgets every finished entry.
  public func removeAll() {
    condition.lock(); defer { condition.unlock() }
    for k in order { slots[k] = nil }
    order.removeAll()
  }
}
