import Foundation

/// The backend's jump document: only what an App uses of it.
struct Jump: Decodable {
    let appLaunch: AppLaunch

    enum CodingKeys: String, CodingKey {
        case appLaunch = "app_launch"
    }
}

/// The backend's app_launch object, as it came. The path already holds the
/// merchant's fields (composed and checked by repayjump), so nothing here
/// spells a field name or builds a query: that is where the document's
/// sample went wrong (mch_id, a space after the nonce, "=weixin").
struct AppLaunch: Decodable {
    let userName: String
    let path: String
    let miniProgramType: UInt
}

/// What the App uses of the backend's answer to GET /v1/status.
struct UserState: Decodable {
    /// WeChat Pay's word for a user who owes nothing.
    static let normal = "NORMAL"

    /// WeChat Pay's user_state, verbatim (one added later included).
    let name: String
    /// The backend's repay: true exactly for OVERDUE, the one state that
    /// offers the jump.
    let repay: Bool

    var isNormal: Bool { name == UserState.normal }

    enum CodingKeys: String, CodingKey {
        case name = "user_state"
        case repay = "repay"
    }
}

/// The backend answered with an error: its HTTP status only, for the user;
/// the detail is the backend's log's.
enum BackendError: Error, CustomStringConvertible {
    case status(Int)

    var description: String {
        switch self {
        case .status(let code):
            return "HTTP \(code)"
        }
    }
}

/// The merchant's backend, reached with the App's login session. The App
/// never sends an openid: the gateway adds it after checking the session,
/// so that no client can ask for another user's repayment page.
struct MerchantBackend {
    let session: String

    /// GET /v1/jump: the document repayjump composes, with a fresh nonce.
    func fetchJump(completion: @escaping (Result<Jump, Error>) -> Void) {
        get("/v1/jump") { result in
            completion(result.flatMap { data in
                Result { try JSONDecoder().decode(Jump.self, from: data) }
            })
        }
    }

    /// GET /v1/status: the user's state, which the backend asks WeChat
    /// Pay's user state query for. An error (502: WeChat Pay's answer could
    /// not be trusted or said FAIL; 503: not configured; 504: WeChat Pay did
    /// not answer) is BackendError.status: the state is then unknown.
    func fetchState(completion: @escaping (Result<UserState, Error>) -> Void) {
        get("/v1/status") { result in
            completion(result.flatMap { data in
                Result { try JSONDecoder().decode(UserState.self, from: data) }
            })
        }
    }

    private func get(_ path: String, completion: @escaping (Result<Data, Error>) -> Void) {
        var request = URLRequest(url: MerchantConfig.backendURL.appendingPathComponent(path),
                                 timeoutInterval: 5)
        request.setValue(session, forHTTPHeaderField: MerchantConfig.sessionHeader)
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error = error {
                completion(.failure(error))
            } else if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                completion(.failure(BackendError.status(http.statusCode)))
            } else {
                completion(.success(data ?? Data()))
            }
        }.resume()
    }
}
