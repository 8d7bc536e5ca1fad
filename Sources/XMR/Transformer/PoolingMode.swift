import Foundation

/// How token vectors become one text vector: their mean over the real tokens, or the [CLS] token's.
public enum PoolingMode: String, Sendable, Equatable, CaseIterable {
    /// The mean over non-padding tokens (all-MiniLM-L6-v2, e5).
    case mean
    /// The first token's vector (bge).
    case cls

    /// Reads a sentence-transformers `1_Pooling/config.json`; exactly one of mean or CLS pooling
    /// must be on, anything else is an error naming the file and the field.
    public init(contentsOf url: URL) throws {
        let json = try JSONObject(contentsOf: url)
        let unsupported = ["pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens",
                           "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"]
        for field in unsupported where try json.boolean(field) == true {
            throw json.error(field, "unsupported pooling (supported: pooling_mode_mean_tokens, pooling_mode_cls_token)")
        }
        if try json.boolean("include_prompt") == false {
            throw json.error("include_prompt", "unsupported: false")
        }
        switch (try json.boolean("pooling_mode_mean_tokens") ?? false, try json.boolean("pooling_mode_cls_token") ?? false) {
        case (true, false): self = .mean
        case (false, true): self = .cls
        case (true, true): throw json.error("pooling_mode_cls_token", "unsupported: both mean and CLS pooling")
        case (false, false): throw json.error("pooling_mode_mean_tokens", "no pooling mode is on")
        }
    }
}
