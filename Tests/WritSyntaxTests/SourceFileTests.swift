import Testing
@testable import WritSyntax

@Suite struct SourceFileTests {
    @Test func lineAndColumnCountScalars() {
        let file = SourceFile(path: "a.writ", text: "ab\nhé x\n")
        #expect(file.lineAndColumn(of: 0) == (1, 1))
        #expect(file.lineAndColumn(of: 3) == (2, 1))
        // "h" "é"(2 bytes) " " "x": x is at byte 3+1+2+1 = 7, column 4.
        #expect(file.lineAndColumn(of: 7) == (2, 4))
    }

    @Test func lineBytesDropCR() {
        let file = SourceFile(path: "a.writ", text: "one\r\ntwo")
        #expect(Array(file.lineBytes(1)) == Array("one".utf8))
        #expect(Array(file.lineBytes(2)) == Array("two".utf8))
    }
}
