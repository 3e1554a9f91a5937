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

enum BackendError: Error {
    case status(Int)
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

    /// The user's status; the backend asks WeChat Pay's user-status API.
    func fetchRepaymentStatus(completion: @escaping (Result<Data, Error>) -> Void) {
        get("/v1/repayment-status", completion: completion)
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
