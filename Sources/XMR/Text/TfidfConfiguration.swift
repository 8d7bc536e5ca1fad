/// How a `TfidfVectorizer` turns text into features: which terms, which filters, which weights.
public struct TfidfConfiguration: Sendable, Equatable, Codable {
    /// Word n-gram lengths to use (`1...1` unigrams, `1...2` adds bigrams); `nil` for no word terms.
    public var wordNgrams: ClosedRange<Int>?
    /// Character n-gram lengths within word boundaries (like scikit-learn's `char_wb`), or `nil`.
    ///
    /// Each token is padded with `_` on both sides (`_irc_`) and every run of n characters
    /// becomes a term named `#` + the run (`#_ir`, `#irc`, `#rc_`); a padded token shorter than
    /// n counts once, whole. Tokens never contain `#` or `_`, so the names cannot collide
    /// with words.
    public var charNgrams: ClosedRange<Int>?
    /// Keep tokens made only of digits (by default they are dropped, as in the shipped features).
    public var keepsNumbers: Bool
    /// Terms found in fewer training documents than this are dropped.
    public var minDocumentFrequency: Int
    /// When set, keep only this many terms: the highest document frequencies, ties by name.
    public var maxFeatures: Int?
    /// Use `1 + ln(tf)` instead of the raw count `tf`.
    public var sublinearTF: Bool
    /// Scale every vector to unit l2 norm.
    public var l2Normalize: Bool

    /// Creates a configuration; the defaults are those of the shipped debtags/reuters features.
    public init(wordNgrams: ClosedRange<Int>? = 1...1, charNgrams: ClosedRange<Int>? = nil,
                keepsNumbers: Bool = false, minDocumentFrequency: Int = 2, maxFeatures: Int? = nil,
                sublinearTF: Bool = true, l2Normalize: Bool = true) {
        self.wordNgrams = wordNgrams
        self.charNgrams = charNgrams
        self.keepsNumbers = keepsNumbers
        self.minDocumentFrequency = minDocumentFrequency
        self.maxFeatures = maxFeatures
        self.sublinearTF = sublinearTF
        self.l2Normalize = l2Normalize
    }

    /// The longest n-gram accepted, for words and characters alike.
    public static let maximumNgramLength = 8

    /// Throws `TextVectorizerError.invalidParameter` naming the first bad setting.
    public func validate() throws {
        if wordNgrams == nil && charNgrams == nil {
            throw TextVectorizerError.invalidParameter("wordNgrams/charNgrams", "at least one kind of term is needed")
        }
        if let r = wordNgrams, r.lowerBound < 1 || r.upperBound > Self.maximumNgramLength {
            throw TextVectorizerError.invalidParameter(
                "wordNgrams", "\(r) must lie within 1...\(Self.maximumNgramLength)")
        }
        if let r = charNgrams, r.lowerBound < 1 || r.upperBound > Self.maximumNgramLength {
            throw TextVectorizerError.invalidParameter(
                "charNgrams", "\(r) must lie within 1...\(Self.maximumNgramLength)")
        }
        if minDocumentFrequency < 1 {
            throw TextVectorizerError.invalidParameter("minDocumentFrequency", "\(minDocumentFrequency) must be at least 1")
        }
        if let m = maxFeatures, m < 1 {
            throw TextVectorizerError.invalidParameter("maxFeatures", "\(m) must be at least 1")
        }
    }
}
