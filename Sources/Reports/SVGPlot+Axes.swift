import Foundation

/// Axes of the line and versus plots: the range of the data, the scale (linear or
/// base-10 logarithmic), the major ticks with their labels and the minor ticks.
extension SVGPlot {
  /// One axis: `lo … hi` in plotted units (log10 of the value on a log axis).
  struct Axis {
    var lo: Double
    var hi: Double
    var log: Bool

    /// The axis over `values` (non-positive values are left out on a log axis),
    /// padded by `pad` of the span on both sides.
    init(values: [Double], log: Bool, pad: Double) {
      self.log = log
      let t = values.filter { $0.isFinite && (!log || $0 > 0) }.map { log ? Foundation.log10($0) : $0 }
      var a = t.min() ?? 0, b = t.max() ?? 1
      if b - a < 1e-12 * max(1, abs(a)) {
        let h = log ? 0.5 : max(0.5, abs(a) * 0.1)
        a -= h; b += h
      }
      let p = (b - a) * pad
      lo = a - p; hi = b + p
    }

    /// Plotted units of a value (nil for a non-positive value on a log axis).
    func t(_ v: Double) -> Double? {
      guard v.isFinite else { return nil }
      if log { return v > 0 ? Foundation.log10(v) : nil }
      return v
    }

    /// Major ticks (value, label) and minor tick values inside the range.
    func ticks() -> (major: [(Double, String)], minor: [Double]) {
      if log {
        let (major, minor) = SVGPlot.logTicks(lo, hi)
        // One style per axis: 10ⁿ for every decade when one of them lies outside [0.01, 1000].
        let powers = major.contains { v in
          let k = Foundation.log10(v)
          return abs(k - k.rounded()) < 1e-9 && (k < -2.5 || k > 3.5)
        }
        return (major.map { ($0, SVGPlot.logTickLabel($0, powers: powers)) }, minor)
      }
      let major = SVGPlot.linearTicks(lo, hi)
      return (major.map { ($0, SVGPlot.tick($0)) }, [])
    }
  }

  /// Ticks of a base-10 log axis over [lo, hi] (exponents): majors at 1, 2, 5 × 10^k
  /// over up to 2.5 decades, at the decades over more, minors at the other multiples
  /// when the range spans at most six (otherwise at the decades between labelled ones);
  /// within less than a decade,
  /// majors at 1, 2, 5 × 10^k (or every integer multiple of 10^k when 1-2-5 gives fewer
  /// than two) and minors at the other multiples.
  public static func logTicks(_ lo: Double, _ hi: Double) -> (major: [Double], minor: [Double]) {
    let eps = 1e-9
    let a = Int(Foundation.floor(lo)), b = Int(Foundation.ceil(hi))
    let inside: (Double) -> Bool = { v in
      let l = Foundation.log10(v)
      return l >= lo - eps && l <= hi + eps
    }
    func multiples(_ ms: [Double]) -> [Double] {
      (a...b).flatMap { k in ms.map { $0 * pow(10, Double(k)) } }.filter(inside)
    }
    let decades = multiples([1])
    // Up to about two decades: 1, 2, 5 × 10^k (labels thinned where they would touch).
    if decades.count >= 2 && hi - lo <= 2.5 { return (multiples([1, 2, 5]), multiples([3, 4, 6, 7, 8, 9])) }
    if decades.count >= 2 {
      if hi - lo <= 6 { return (decades, multiples([2, 3, 4, 5, 6, 7, 8, 9])) }
      // Many decades: label every `step`-th decade, the others become minor ticks.
      let step = Int(Foundation.ceil(Double(decades.count) / 8))
      let major = decades.filter { Int(Foundation.log10($0).rounded()) % step == 0 }
      return (major, decades.filter { !major.contains($0) })
    }
    let oneTwoFive = multiples([1, 2, 5])
    if oneTwoFive.count >= 2 { return (oneTwoFive, multiples([3, 4, 6, 7, 8, 9])) }
    let all = multiples([1, 2, 3, 4, 5, 6, 7, 8, 9])
    if all.count >= 2 { return (all, []) }
    // A range inside one step of 10^k: linear ticks on the values.
    let v = linearTicks(pow(10, lo), pow(10, hi)).filter { $0 > 0 }
    return (v, [])
  }

  /// A log-axis tick label: 10ⁿ for a decade when `powers`, the number otherwise.
  static func logTickLabel(_ v: Double, powers: Bool) -> String {
    let k = Foundation.log10(v)
    if powers && abs(k - k.rounded()) < 1e-9 { return "10" + superscript(Int(k.rounded())) }
    return tick(v)
  }

  static func superscript(_ n: Int) -> String {
    let digits: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]
    return String(String(n).map { digits[$0] ?? $0 })
  }
}
