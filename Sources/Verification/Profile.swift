/// Which sweep of each theorem file a run uses.
///
/// - `quick`: the `[quick]` table (what `swift test` runs; small and fast);
/// - `default`: the `[sweep]` table (the default run, under 5 minutes on 2 cores);
/// - `full`: the `[full]` table, the papers' scales (widths, seeds, depths, η grids
///   of the publications), meant for a cluster (`scripts/slurm/submit.sh`).
///
/// `[quick]` and `[full]` replace some axes of `[sweep]` and keep the others'
/// values; a file without the table runs its `[sweep]` under that profile.
public enum Profile: String, Sendable, Codable, CaseIterable {
  case quick
  case `default`
  case full

  /// The directory a profile's reports go to, under the reports root: the
  /// root itself for `quick` and `default`, `<root>/full` for `full` (so that
  /// a paper-scale run never overwrites the default reports).
  public func reportsDirectory(root: String) -> String {
    self == .full ? (root.hasSuffix("/") ? root + "full" : root + "/full") : root
  }
}
