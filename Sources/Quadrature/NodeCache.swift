import Foundation
import MultiPrecision
import RealModule

/// A process-wide, lock-protected cache of quadrature nodes and weights,
/// keyed by (rule, size or level, precision, scalar type). Values are
/// immutable `Sendable` arrays, so a cached rule can be read by any thread.
/// Two threads that miss at once may both compute a rule; the results are
/// identical and the second store wins.
final class NodeCache: @unchecked Sendable {
  static let shared = NodeCache()

  struct Key: Hashable {
    var rule: String
    var index: Int
    var precision: Int
    var type: ObjectIdentifier
  }

  private let lock = NSLock()
  private var entries: [Key: any Sendable] = [:]

  func value<V: Sendable>(
    rule: String, index: Int, precision: Int, type: Any.Type,
    compute: () -> V
  ) -> V {
    let key = Key(rule: rule, index: index, precision: precision, type: ObjectIdentifier(type))
    lock.lock()
    if let hit = entries[key] as? V { lock.unlock(); return hit }
    lock.unlock()
    let computed = compute()
    lock.lock()
    entries[key] = computed
    lock.unlock()
    return computed
  }

  /// Drops every cached rule (for memory measurements and tests).
  func removeAll() {
    lock.lock(); entries.removeAll(); lock.unlock()
  }
}
