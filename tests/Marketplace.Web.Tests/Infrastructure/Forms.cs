using System.Net;
using System.Text.RegularExpressions;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Posts a page's form as a browser would: read the antiforgery token, send the fields.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pagePath,
        IDictionary<string, string> fields, string? actionPath = null)
    {
        var body = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, pagePath),
        };
        return await client.PostAsync(actionPath ?? pagePath, new FormUrlEncodedContent(body));
    }

    /// <summary>The antiforgery token of the form on <paramref name="pagePath"/>, as this client's browser holds it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pagePath)
    {
        var page = await client.GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {pagePath} answered {(int)page.StatusCode}");
        }
        var token = TokenPattern().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {pagePath}");
        }
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>
    /// Signs in through the real login form, and, when the account asks for a second factor, through
    /// the real two-factor form with a code computed from <paramref name="authenticatorKey"/> (the
    /// demo staff's and administrators' key unless given). The last answer is returned: a redirect
    /// on success.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password,
        string authenticatorKey = MarketplaceFactory.DemoAuthenticatorKey)
    {
        var signedIn = await PostAsync(client, "/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        });
        if (signedIn.Headers.Location is not { } next
            || !next.OriginalString.StartsWith("/Identity/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            return signedIn;
        }
        return await PostAsync(client, next.OriginalString, new Dictionary<string, string>
        {
            ["Input.TwoFactorCode"] = Totp.Code(authenticatorKey),
            ["Input.RememberMachine"] = "false",
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
