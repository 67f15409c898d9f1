public import Application
import Foundation
import ZIPFoundation

/// Reads a staged ZIP archive's central directory with ZIPFoundation: the entries' names, their
/// declared uncompressed sizes (for the ZIP-bomb check) and OpenDocument's `mimetype` entry.
/// Nothing is extracted but that one small entry.
public struct ZIPArchiveInspector: ArchiveInspector {
    /// Beyond this many entries an archive is refused before its sizes are summed.
    static let maxEntries = 10_000

    public init() {}

    public func inspect(_ staged: StagedBlob) async throws -> ArchiveContents {
        let archive = try Archive(url: URL(fileURLWithPath: staged.path), accessMode: .read)
        var names: [String] = []
        var total: UInt64 = 0
        var mimetype: String?
        for entry in archive {
            names.append(entry.path)
            guard names.count <= Self.maxEntries else { throw InspectionError.tooManyEntries }
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            total = overflow ? .max : sum
            if entry.path == "mimetype", entry.uncompressedSize <= 200 {
                var bytes = Data()
                _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
                mimetype = String(decoding: bytes, as: UTF8.self)
            }
        }
        return ArchiveContents(
            entries: names, mimetype: mimetype, uncompressedSize: Int64(clamping: total))
    }

    enum InspectionError: Error { case tooManyEntries }
}
