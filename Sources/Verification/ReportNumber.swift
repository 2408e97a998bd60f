import Foundation

/// Short decimal text of a double for outcomes and reports: integers without a
/// fraction, other values with 6 significant digits, ±∞ as `inf`, `-inf`.
public enum ReportNumber {
  public static func text(_ x: Double) -> String {
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.6g", x)
  }
}
