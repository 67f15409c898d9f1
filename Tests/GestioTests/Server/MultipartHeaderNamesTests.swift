import Foundation
import Testing

@testable import HTTPServer

@Suite("Multipart bodies: a header name that is not ASCII is refused before the parser reads it")
struct MultipartHeaderNamesTests {
    let boundary = "d8b16b58eb729cf90cfd8ec9419b6b01"

    /// Fed whole, and one byte at a time (a body arrives in chunks cut anywhere).
    func accepted(_ body: String) -> (whole: Bool, byteByByte: Bool) {
        var whole = MultipartHeaderNames(boundary: boundary)
        var split = MultipartHeaderNames(boundary: boundary)
        return (whole.accept(Array(body.utf8)), Array(body.utf8).allSatisfy { split.accept([$0]) })
    }

    @Test("The body schemathesis crashed the server with is refused; so is a later part's header name")
    func refused() {
        // multipart-kit 4 traps reading its table of header-name characters with a byte above 127.
        #expect(accepted("--\(boundary)\r\n»--\(boundary)--\r\n") == (false, false))
        let later =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nPlan\r\n"
            + "--\(boundary)\r\nContént-Type: text/plain\r\n\r\nx\r\n--\(boundary)--\r\n"
        #expect(accepted(later) == (false, false))
    }

    @Test("Header values, part bodies and the epilogue may hold any byte")
    func allowed() {
        let body =
            "préambule\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nPlan du rez-de-chaussée\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"façade.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 ÿØÿà\r\n--\(boundary)x\r\n\r\n--\(boundary)--\r\népilogue: é"
        #expect(accepted(body) == (true, true))
    }
}
