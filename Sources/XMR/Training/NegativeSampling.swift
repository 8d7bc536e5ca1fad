/// Which training points serve as negatives for a child's classifier.
public enum NegativeSampling: String, Codable, Sendable, CaseIterable {
    /// Teacher-forced negatives: points with a label under the parent but not under the child.
    case tfn
    /// Matcher-aware negatives: points whose beam search of the levels above reached the parent.
    case man
    /// The union of `tfn` and `man`.
    case tfnMan = "tfn+man"

    /// Whether the teacher-forced set is included.
    var usesTeacherForcing: Bool { self != .man }
    /// Whether the matcher's beams are included.
    var usesMatcher: Bool { self != .tfn }
}
