/// The widest numbers Gestio accepts from outside (HTTP bodies and queries, CSV files, the CLI).
///
/// Every client number is checked against these bounds where it is decoded, before any use case
/// sees it. With both factors of a product at most 10⁹ in magnitude, and sums over bounded lists,
/// no arithmetic on a client's number can overflow `Int` (and trap) anywhere behind the edge.
public enum InputBounds {
    /// Any integer field: ±1,000,000,000. Fields with a narrower meaning are checked again by the
    /// Domain (a percentage, a fiscal year, minutes…).
    public static let integer: ClosedRange<Int> = -1_000_000_000...1_000_000_000
    /// Any decimal field given as a JSON number (a surface in m², a share).
    public static let decimal: ClosedRange<Double> = -1_000_000_000...1_000_000_000
}

/// Fiscal years Gestio keeps books for.
public enum FiscalYear {
    public static let range: ClosedRange<Int> = 2000...2100
}
