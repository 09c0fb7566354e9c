using System.Net;
using System.Text.RegularExpressions;

namespace Marketplace.Bench;

/// <summary>
/// One producer's browser: its own connection and cookies, forms posted with their antiforgery
/// token. The app runs as in production (secure cookies), behind a loopback "proxy" that says
/// the request came over HTTPS, so cookies are kept for an https address and sent by hand.
/// </summary>
public sealed partial class ProducerBrowser : IDisposable
{
    private static readonly Uri SecureOrigin = new("https://bench.local/");
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _client;

    public ProducerBrowser(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(3) };
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        using var page = await GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        if (page.StatusCode != HttpStatusCode.OK || !match.Success)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)page.StatusCode} without a form");
        }
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]),
        };
        return await SendAsync(request);
    }

    /// <summary>Signs in through the real login form; true when the site redirected (success).</summary>
    public async Task<bool> SignInAsync(string email, string password)
    {
        const string login = "/Identity/Account/Login";
        var token = await FormTokenAsync(login);
        using var response = await PostAsync(login, token, [
            new("Input.Email", email), new("Input.Password", password), new("Input.RememberMe", "false")]);
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        var cookies = _cookies.GetCookieHeader(SecureOrigin);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                _cookies.SetCookies(SecureOrigin, setCookie);
            }
        }
        return response;
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
