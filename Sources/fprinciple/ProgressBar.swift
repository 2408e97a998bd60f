import Foundation

/// The one progress bar of the command-line tool: `[#####-----] done/total note`
/// on one line of standard error, redrawn in place (carriage return, erase to
/// the end of the line), and only when standard error is a terminal.
/// `fprinciple train` shows its steps and loss, `fprinciple verify` its checks
/// and the theorem it is on. Safe to update from several tasks.
final class ProgressBar: @unchecked Sendable {
  static let width = 30
  private let lock = NSLock()
  private var lastFilled = -1

  /// A bar, or nil when standard error is not a terminal (nothing to draw).
  init?() {
    guard isatty(STDERR_FILENO) == 1 else { return nil }
  }

  /// Shows `done` of `total` with a note. Redrawn when the bar grows, every 1%
  /// of `total`, and at the end.
  func update(_ done: Int, of total: Int, _ note: String) {
    lock.lock(); defer { lock.unlock() }
    let filled = total <= 0 ? Self.width : min(Self.width, Self.width * done / total)
    guard filled != lastFilled || done % max(1, total / 100) == 0 || done == total else { return }
    lastFilled = filled
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
    FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(note)\u{1B}[K".utf8))
  }

  /// Ends the bar's line.
  func finish() {
    lock.lock(); defer { lock.unlock() }
    FileHandle.standardError.write(Data("\n".utf8))
  }
}
