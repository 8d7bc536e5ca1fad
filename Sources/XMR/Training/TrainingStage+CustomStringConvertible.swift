extension TrainingStage: CustomStringConvertible {
    /// The stage's name as progress displays show it ("TF-IDF fit", "level 2", …).
    public var description: String {
        switch self {
        case .encoding: "encoding the texts"
        case .tfidf: "TF-IDF fit"
        case .representation: "label representation"
        case .clustering: "clustering"
        case .matcher(let name): "\(name) matcher"
        case .level(let t): "level \(t)"
        case .matcherNegatives(let t): "MAN negatives for level \(t)"
        }
    }
}
