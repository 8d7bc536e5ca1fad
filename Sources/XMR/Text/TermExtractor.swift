/// Produces the term keys of one document (word n-grams, character n-grams) as byte strings.
///
/// A key is the feature's name in UTF-8: a word (`irc`), words joined by one space
/// (`irc client`), or `#` + a character n-gram of the `_`-padded word (`#_ir`). The extractor
/// keeps its scratch buffers between documents, so one extractor per thread allocates almost
/// nothing in steady state.
struct TermExtractor {
    /// Splits each document into tokens.
    let tokenizer: Tokenizer
    /// Word n-gram lengths, or `nil`.
    let wordNgrams: ClosedRange<Int>?
    /// Character n-gram lengths, or `nil`.
    let charNgrams: ClosedRange<Int>?
    /// The current document's tokens.
    private var tokens = TokenBuffer()
    /// Scratch for building one multi-part key.
    private var key: [UInt8] = []
    /// Scratch: `#_token_` for character n-grams.
    private var padded: [UInt8] = []
    /// Scratch: where each scalar of `padded` starts (after the `#`), plus its end.
    private var scalarStarts: [Int] = []

    /// Creates an extractor for a configuration.
    init(_ configuration: TfidfConfiguration) {
        tokenizer = Tokenizer(keepsNumbers: configuration.keepsNumbers)
        wordNgrams = configuration.wordNgrams
        charNgrams = configuration.charNgrams
    }

    /// Calls `body` with every term key of `text`, in document order, repeats included.
    mutating func forEachTerm(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        tokenizer.tokenize(text, into: &tokens)
        guard tokens.count > 0 else { return }
        if let range = wordNgrams { emitWordNgrams(range, body) }
        if let range = charNgrams { emitCharNgrams(range, body) }
    }

    /// Word n-grams: single tokens in place, longer ones joined by spaces in `key`.
    private mutating func emitWordNgrams(_ range: ClosedRange<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var key: [UInt8] = []
        swap(&key, &self.key)
        defer { swap(&key, &self.key) }
        let count = tokens.count
        tokens.bytes.withUnsafeBufferPointer { bytes in
            tokens.ends.withUnsafeBufferPointer { ends in
                for n in range where n <= count {
                    for k in 0...(count - n) {
                        if n == 1 {
                            let start = k == 0 ? 0 : ends[k - 1]
                            body(UnsafeBufferPointer(rebasing: bytes[start..<ends[k]]))
                            continue
                        }
                        key.removeAll(keepingCapacity: true)
                        for m in k..<(k + n) {
                            if m > k { key.append(0x20) }
                            let start = m == 0 ? 0 : ends[m - 1]
                            key.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<ends[m]]))
                        }
                        key.withUnsafeBufferPointer(body)
                    }
                }
            }
        }
    }

    /// Character n-grams of each token padded with `_`, counted in Unicode scalars.
    private mutating func emitCharNgrams(_ range: ClosedRange<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var key: [UInt8] = [], padded: [UInt8] = [], starts: [Int] = []
        swap(&key, &self.key); swap(&padded, &self.padded); swap(&starts, &self.scalarStarts)
        defer { swap(&key, &self.key); swap(&padded, &self.padded); swap(&starts, &self.scalarStarts) }
        let hash: UInt8 = 0x23, underscore: UInt8 = 0x5F
        for k in 0..<tokens.count {
            padded.removeAll(keepingCapacity: true)
            padded.append(hash)
            padded.append(underscore)
            padded.append(contentsOf: tokens.bytes[tokens.start(k)..<tokens.ends[k]])
            padded.append(underscore)
            starts.removeAll(keepingCapacity: true)
            for p in 1..<padded.count where padded[p] & 0xC0 != 0x80 { starts.append(p) }
            starts.append(padded.count)
            let length = starts.count - 1
            for n in range {
                if length <= n {
                    // A padded token no longer than n counts once, whole (as scikit-learn does).
                    padded.withUnsafeBufferPointer(body)
                    break
                }
                for g in 0...(length - n) {
                    key.removeAll(keepingCapacity: true)
                    key.append(hash)
                    key.append(contentsOf: padded[starts[g]..<starts[g + n]])
                    key.withUnsafeBufferPointer(body)
                }
            }
        }
    }
}
