extension IndexingError {
    /// The same problem as a training error (the one error type of `PipelineTrainer`).
    var asTrainingError: XRLinearError {
        switch self {
        case .cancelled: .cancelled
        case let .invalidParameter(name, message): .invalidParameter(name: name, message: message)
        default: .invalidInput(description)
        }
    }
}
