using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Authorization;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Hosting;

/// <summary>
/// Bad input never answers 5xx (PRODUCT.md): every form each kind of visitor can reach, found by
/// crawling the site's links from that visitor's pages, is sent with every field set to a value that
/// cannot bind (not a boolean, a number, a date or a known name; too long) and with no field at all.
/// </summary>
public partial class UnbindableInputTests(MatrixSite site) : IClassFixture<MatrixSite>
{
    private const int PagesPerVisitor = 200;

    private static readonly string[] Unbindable =
    [
        "maybe", "x", "2026-13-45", "25:61", "NoSuchValue", "-1", "99999999999999999999", new string('x', 10_000),
    ];

    // Links that leave the pages (files, feeds, the job dashboard) or end the visit.
    private static readonly string[] NotCrawled =
    [
        "/Identity/Account/Logout", "/hangfire", "/Culture", "/api/", "/brand/", "/feeds/", "/Media/", "/lib/", "/css/", "/js/",
    ];

    // The account's own pages sign out everywhere, turn the second factor off and change the
    // password: crawled by an account of their own (below), so the shared visitors keep their sessions.
    private const string AccountPages = "/Identity/Account/Manage";

    // The minimums hold in any order: staff and administrators share one scene, and whichever
    // crawls first has already sent the forms its posts take away (a cancelled day has no "cancel").
    public static TheoryData<string, int> Visitors() => new()
    {
        { MatrixSite.Anonymous, 6 },
        { MatrixSite.Producer, 6 },
        { HuancavelicaStaff, 20 },
        { MatrixSite.Admin, 25 },
    };

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task Every_form_answers_unbindable_or_missing_values_without_a_server_error(string visitor, int atLeast)
    {
        var client = await site.ClientAsync(visitor);
        var forms = await CrawlFormsAsync(client, await SeedsAsync(visitor), [.. NotCrawled, AccountPages]);
        await SendEveryFormAsync(client, visitor, forms, atLeast);
    }

    [Fact]
    public async Task Every_account_form_answers_unbindable_or_missing_values_without_a_server_error()
    {
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);
        var forms = await CrawlFormsAsync(client, [AccountPages, $"{AccountPages}/TwoFactorAuthentication"], NotCrawled);
        // Its own pages only: the rest of the site is crawled above.
        forms = [.. forms.Where(f => f.Action.StartsWith(AccountPages, StringComparison.OrdinalIgnoreCase))];
        await SendEveryFormAsync(client, producer.Email, forms, atLeast: 4);

        // With two-factor sign-in on: its pages, and the second step of signing in.
        var enrolled = await CreateProducerAsync(site, Huancavelica);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await TwoFactorAccounts.EnableAsync(scope.ServiceProvider, (await users.FindByEmailAsync(enrolled.Email))!);
        }
        // The second step first: the account pages' posts turn the second factor off.
        var halfway = site.CreateBrowserClient();
        var first = await Forms.PostAsync(halfway, "/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = enrolled.Email,
            ["Input.Password"] = MarketplaceFactory.DemoPassword,
        });
        Assert.StartsWith("/Identity/Account/LoginWith2fa", Target(first));
        forms = await CrawlFormsAsync(halfway, ["/Identity/Account/LoginWith2fa", "/Identity/Account/LoginWithRecoveryCode"], NotCrawled);
        forms = [.. forms.Where(f => f.Action.StartsWith("/Identity/Account/LoginWith", StringComparison.OrdinalIgnoreCase))];
        await SendEveryFormAsync(halfway, $"{enrolled.Email} (second step)", forms, atLeast: 2);

        var secured = await SignedInAsync(site, enrolled.Email);
        forms = await CrawlFormsAsync(secured, [$"{AccountPages}/TwoFactorAuthentication", $"{AccountPages}/Disable2fa",
            $"{AccountPages}/GenerateRecoveryCodes", $"{AccountPages}/ResetAuthenticator"], NotCrawled);
        forms = [.. forms.Where(f => f.Action.StartsWith(AccountPages, StringComparison.OrdinalIgnoreCase))];
        await SendEveryFormAsync(secured, enrolled.Email, forms, atLeast: 3);
    }

    private static async Task SendEveryFormAsync(HttpClient client, string visitor, List<Form> forms, int atLeast)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{visitor}: {forms.Count} forms: {string.Join(", ", forms.Select(f => $"{f.Method} {f.Action}"))}");
        Assert.True(forms.Count >= atLeast, $"{visitor}: only {forms.Count} forms found: {string.Join(", ", forms.Select(f => f.Action))}");

        var failures = new List<string>();
        // The forms are all read before any is sent, and deleting ones go last, so that a post that takes
        // rights or the account away does not hide the other forms.
        foreach (var form in forms.OrderBy(f => f.Action.Contains("Delete", StringComparison.OrdinalIgnoreCase)
            || f.Action.Contains("SignOut", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var value in Unbindable.Append(null))
            {
                var response = await SendAsync(client, form, value);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{form.Method} {form.Action} with {(value is null ? "no fields" : value[..Math.Min(value.Length, 20)])}: {(int)response.StatusCode}");
                }
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, failures));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_checkbox_posted_as_maybe_is_a_field_error_on_the_form_shown_again()
    {
        var client = await site.ClientAsync(MatrixSite.Producer);
        var response = await Forms.PostAsync(client, "/Producer/Profile?culture=es", new Dictionary<string, string>
        {
            ["Input.IsPhonePublic"] = "maybe",
        }, "/Producer/Profile?culture=es");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#Input_IsPhonePublic\">El valor «maybe» no es válido", html);
        Assert.Matches("<input type=\"checkbox\"[^>]*id=\"Input_IsPhonePublic\"", html);
    }

    [Fact]
    public async Task A_handler_argument_that_does_not_bind_answers_400_and_books_nothing()
    {
        var client = await site.ClientAsync(HuancavelicaStaff);
        var page = await site.ResolveAsync("/Staff/Producers/{producer}/Bookings?day={fairDay}");
        var producer = int.Parse(page.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
        var before = await site.WithDbAsync(db => db.Bookings.CountAsync(b => b.ProducerId == producer));

        // "x" for the stall must not become "any stall".
        var response = await Forms.PostAsync(client, page, new Dictionary<string, string>(),
            await site.ResolveAsync("/Staff/Producers/{producer}/Bookings?handler=Book&day={fairDay}&stall=x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Contains("Solicitud no válida"), body);
        Assert.Equal(before, await site.WithDbAsync(db => db.Bookings.CountAsync(b => b.ProducerId == producer)));
    }

    private async Task<IEnumerable<string>> SeedsAsync(string visitor)
    {
        string[] common = ["/", "/Fairs", "/Subscribe", "/About"];
        return visitor switch
        {
            MatrixSite.Anonymous => [.. common, "/Identity/Account/Login", "/Identity/Account/Register",
                "/Identity/Account/ForgotPassword", "/Identity/Account/ResendEmailConfirmation",
                "/Identity/Account/ResetPassword?code=eA&email=a%40example.org"],
            MatrixSite.Producer => [.. common, "/Producer"],
            _ => [.. common, .. await Task.WhenAll(ProtectedRoutes.All
                .Where(r => r.Method == "GET" && (visitor == MatrixSite.Admin || r.Area == Area.Staff))
                .Select(r => site.ResolveAsync(r.Path)))],
        };
    }

    private sealed record Form(string Method, string Action, bool Multipart, IReadOnlyList<Field> Fields, string? Token);

    private sealed record Field(string Name, string Type);

    /// <summary>Follows the site's links breadth first (one page per path shape) and reads every form on them.</summary>
    private static async Task<List<Form>> CrawlFormsAsync(HttpClient client, IEnumerable<string> seeds, string[] notCrawled)
    {
        var token = TestContext.Current.CancellationToken;
        var queue = new Queue<string>(seeds);
        var seenShapes = new HashSet<string>();
        var forms = new Dictionary<string, Form>();
        var pages = 0;
        while (queue.TryDequeue(out var url) && pages < PagesPerVisitor)
        {
            if (!seenShapes.Add(Shape(url)))
            {
                continue;
            }
            var response = await client.GetAsync(url, token);
            Assert.True((int)response.StatusCode < 500, $"GET {url}: {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK
                || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            pages++;
            var html = await response.Content.ReadAsStringAsync(token);
            foreach (var form in ReadForms(url, html))
            {
                forms.TryAdd($"{form.Method} {Shape(form.Action)}", form);
            }
            foreach (Match link in LinkPattern().Matches(html))
            {
                var href = WebUtility.HtmlDecode(link.Groups[1].Value);
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
                    && !notCrawled.Any(p => href.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                    && !href.Contains("handler=Csv", StringComparison.OrdinalIgnoreCase)
                    && !Path.HasExtension(href.Split('?', '#')[0]))
                {
                    queue.Enqueue(href.Split('#')[0]);
                }
            }
        }
        return [.. forms.Values];
    }

    /// <summary>A page's shape: its path with ids as N and its query's names, so a thousand fair days are one page.</summary>
    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        // A handler's name tells two forms of one page apart; other values are ids or filters.
        var names = parts.Length == 2
            ? string.Join('&', parts[1].Split('&')
                .Select(p => p.StartsWith("handler=", StringComparison.OrdinalIgnoreCase) ? p : p.Split('=')[0])
                .Order(StringComparer.Ordinal))
            : "";
        return $"{Digits().Replace(parts[0], "N")}?{names}";
    }

    private static IEnumerable<Form> ReadForms(string pageUrl, string html)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = form.Groups[1].Value;
            var action = WebUtility.HtmlDecode(Attribute(attributes, "action") ?? "");
            action = action == "" ? pageUrl : action.StartsWith('?') ? pageUrl.Split('?')[0] + action : action;
            if (!action.StartsWith('/') || action.StartsWith("/Identity/Account/Logout", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var method = (Attribute(attributes, "method") ?? "get").ToUpperInvariant();
            var multipart = (Attribute(attributes, "enctype") ?? "").Contains("multipart", StringComparison.OrdinalIgnoreCase);
            string? token = null;
            var fields = new List<Field>();
            foreach (Match element in FieldPattern().Matches(form.Groups[2].Value))
            {
                var name = Attribute(element.Value, "name");
                if (name is null)
                {
                    continue;
                }
                name = WebUtility.HtmlDecode(name);
                var type = element.Groups[1].Value.ToLowerInvariant() == "input"
                    ? (Attribute(element.Value, "type") ?? "text").ToLowerInvariant()
                    : element.Groups[1].Value.ToLowerInvariant();
                if (name == "__RequestVerificationToken")
                {
                    token = WebUtility.HtmlDecode(Attribute(element.Value, "value") ?? "");
                }
                else if (type is not ("submit" or "reset" or "image"))
                {
                    fields.Add(new Field(name, type));
                }
            }
            yield return new Form(method, action, multipart, fields, token);
        }
    }

    /// <summary>Sends the form with every field set to <paramref name="value"/>, or with no field when it is null.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Form form, string? value)
    {
        var token = TestContext.Current.CancellationToken;
        var fields = value is null ? [] : form.Fields.Select(f => KeyValuePair.Create(f.Name, value)).ToList();
        if (form.Method == "GET")
        {
            var query = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            var separator = form.Action.Contains('?') ? '&' : '?';
            return await client.GetAsync(query == "" ? form.Action : form.Action + separator + query, token);
        }
        if (form.Token is not null)
        {
            fields.Add(KeyValuePair.Create("__RequestVerificationToken", form.Token));
        }
        HttpContent content;
        if (form.Multipart)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, text) in fields)
            {
                if (form.Fields.Any(f => f.Name == name && f.Type == "file"))
                {
                    multipart.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text)), name, "junk.png");
                }
                else
                {
                    multipart.Add(new StringContent(text), name);
                }
            }
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }
        return await client.PostAsync(form.Action, content, token);
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $@"\s{name}\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<(input|select|textarea|button)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"\shref=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
