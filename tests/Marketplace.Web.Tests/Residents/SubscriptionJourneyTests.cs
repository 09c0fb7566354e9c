using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Marketplace.Web.Tests.Residents;

/// <summary>Subscribe → confirm → digest → one-click unsubscribe, through the pages and a real SMTP server.</summary>
public partial class SubscriptionJourneyTests(AlertsSite fixture) : IClassFixture<AlertsSite>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await fixture.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private MailFactory Site => fixture.Site;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<MimeMessage> MailToAsync(string address, string subjectPart)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = fixture.Smtp.Messages().FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address)
                && (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal));
            if (found is not null || DateTime.UtcNow > deadline)
            {
                return found ?? throw new TimeoutException($"no mail '{subjectPart}' to {address}");
            }
            await Task.Delay(100, Token);
        }
    }

    private static void AssertUnsubscribeHeaders(MimeMessage message, string token)
    {
        var header = message.Headers[HeaderId.ListUnsubscribe];
        Assert.Contains($"<{AlertsSite.BaseUrl}/Subscribe/Unsubscribe?token={token}>", header);
        Assert.Contains($"<mailto:{AlertsSite.UnsubscribeMailbox}?subject=unsubscribe%20{token}>", header);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task A_resident_subscribes_confirms_gets_a_digest_and_leaves_with_one_click()
    {
        const string email = "rosa.quispe@example.org";
        var municipality = await Site.WithDbAsync(db => db.Municipalities.SingleAsync(m => m.Code == "PE-0901"));
        var client = Site.CreateBrowserClient();

        var posted = await Forms.PostAsync(client, "/Subscribe", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Place"] = "municipality",
            ["Input.MunicipalityId"] = municipality.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/Subscribe/Sent", posted.Headers.Location?.OriginalString);
        Assert.Equal(1, await fixture.SendOutboxAsync());

        var confirmation = await MailToAsync(email, "confirme");
        var confirmLink = ConfirmLink().Match(confirmation.TextBody ?? "");
        Assert.True(confirmLink.Success, confirmation.TextBody);
        var token = confirmLink.Groups[2].Value;
        AssertUnsubscribeHeaders(confirmation, token);
        Assert.Contains(municipality.Name, confirmation.TextBody);

        // Unconfirmed: nothing but the confirmation is ever sent.
        Assert.Equal(0, await fixture.SendDigestsAsync());
        Assert.Equal(0, await fixture.SendOutboxAsync());

        var confirmPath = confirmLink.Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(confirmPath, Token)).StatusCode);
        var confirmed = await Forms.PostAsync(client, confirmPath, new Dictionary<string, string> { ["token"] = token });
        Assert.Contains("sus avisos están confirmados", await confirmed.Content.ReadAsStringAsync(Token));

        Assert.Equal(1, await fixture.SendDigestsAsync());
        Assert.Equal(0, await fixture.SendDigestsAsync());
        Assert.Equal(1, await fixture.SendOutboxAsync());
        var digest = await MailToAsync(email, "próximas dos semanas");
        AssertUnsubscribeHeaders(digest, token);
        var ids = DayLink().Matches(digest.TextBody ?? "").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(ids);
        var municipalities = await Site.WithDbAsync(db => db.FairDays.Where(d => ids.Contains(d.Id))
            .Select(d => d.Venue!.MunicipalityId).Distinct().ToListAsync());
        Assert.Equal([municipality.Id], municipalities);
        Assert.Contains($"{AlertsSite.BaseUrl}/Subscribe/Manage?token={token}", digest.TextBody);

        // The mail program's one-click POST: no cookie, no antiforgery token, just the link.
        using var mailProgram = Site.CreateClient();
        var unsubscribe = await mailProgram.PostAsync($"/Subscribe/Unsubscribe?token={token}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), Token);
        Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);

        Assert.False(await Site.WithDbAsync(db => db.Subscriptions.AnyAsync(s => s.Email == email)));
        Assert.False(await Site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == email)));
        Site.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(0, await fixture.SendDigestsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Subscribe/Manage?token={token}", Token)).StatusCode);
    }

    [Fact]
    public async Task The_manage_page_changes_the_place_and_products_and_deletes_everything()
    {
        var subscription = await fixture.AddSubscriptionAsync("manage@example.org",
            Domain.Subscriptions.SubscriptionPlace.InMunicipality(
                await Site.WithDbAsync(db => db.Municipalities.Where(m => m.Code == "PE-0901").Select(m => m.Id).SingleAsync())));
        var token = await RevealAsync(subscription);
        var corridor = await Site.WithDbAsync(db => db.Corridors.OrderBy(c => c.Id).FirstAsync());
        var quinoa = await Site.WithDbAsync(db => db.ProductCategories.SingleAsync(c => c.Code == "quinoa"));
        var client = Site.CreateBrowserClient();
        var manage = $"/Subscribe/Manage?token={token}";

        var page = await client.GetStringAsync(manage, Token);
        Assert.DoesNotContain("manage@example.org", page);

        var bad = await Forms.PostAsync(client, manage, new Dictionary<string, string>
        {
            ["token"] = token, ["Input.Place"] = "point", ["Input.Near"] = "100,200", ["Input.Km"] = "9000",
        });
        var badHtml = await bad.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("latitud,longitud", badHtml);
        Assert.Contains("hasta 200 km", badHtml);

        var saved = await Forms.PostAsync(client, manage, new Dictionary<string, string>
        {
            ["token"] = token, ["Input.Place"] = "corridor",
            ["Input.CorridorId"] = corridor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Products"] = quinoa.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains("Cambios guardados", await saved.Content.ReadAsStringAsync(Token));
        var stored = await Site.WithDbAsync(db => db.Subscriptions.Include(s => s.Products).SingleAsync(s => s.Id == subscription.Id));
        Assert.Equal(corridor.Id, stored.CorridorId);
        Assert.Null(stored.MunicipalityId);
        Assert.Equal(quinoa.Id, Assert.Single(stored.Products).ProductCategoryId);

        var deleted = await Forms.PostAsync(client, manage, new Dictionary<string, string>(), $"/Subscribe/Manage?handler=Delete&token={token}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await Site.WithDbAsync(db => db.Subscriptions.AnyAsync(s => s.Id == subscription.Id)));
        Assert.False(await Site.WithDbAsync(db => db.Set<Domain.Subscriptions.SubscriptionProduct>().AnyAsync(p => p.SubscriptionId == subscription.Id)));
    }

    [Theory]
    [InlineData("/Subscribe/Confirm?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/Subscribe/Manage?token=short")]
    [InlineData("/Subscribe/Unsubscribe?token=%27%20OR%201%3D1--")]
    [InlineData("/Subscribe/Manage")]
    public async Task An_unknown_or_malformed_token_is_a_404(string path)
    {
        var client = Site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path, Token)).StatusCode);
        using var mailProgram = Site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await mailProgram.PostAsync(path.Replace("Confirm", "Unsubscribe").Replace("Manage", "Unsubscribe"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), Token)).StatusCode);
    }

    [Fact]
    public async Task The_subscribe_form_answers_bad_input_with_field_errors_and_keeps_nothing()
    {
        var client = Site.CreateBrowserClient();
        var response = await Forms.PostAsync(client, "/Subscribe", new Dictionary<string, string>
        {
            ["Input.Email"] = "not-an-address",
            ["Input.Place"] = "municipality",
            ["Input.MunicipalityId"] = "999999",
            ["Input.Products"] = "424242",
        });
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Escriba una dirección de correo válida", html);
        Assert.Contains("Elija un municipio de la lista", html);
        Assert.Contains("Uno de los productos elegidos no existe", html);
        Assert.False(await Site.WithDbAsync(db => db.Subscriptions.AnyAsync(s => s.Email == "not-an-address")));
    }

    [Fact]
    public async Task The_mails_speak_the_language_the_resident_subscribed_in()
    {
        const string email = "joana@example.org";
        var londrina = await Site.WithDbAsync(db => db.Municipalities.SingleAsync(m => m.Code == "BR-4113700"));
        var posted = await Forms.PostAsync(Site.CreateBrowserClient(), "/Subscribe?culture=pt-BR", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Place"] = "municipality",
            ["Input.MunicipalityId"] = londrina.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var mail = await Site.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email));
        Assert.Equal("pt-BR", mail.Culture);
        Assert.Equal("Paraná: confirme seus avisos de feiras", mail.Subject);
        Assert.Equal("pt-BR", await Site.WithDbAsync(db => db.Subscriptions.Where(s => s.Email == email).Select(s => s.Culture).SingleAsync()));
    }

    [Fact]
    public async Task Posting_the_form_again_at_once_sends_no_second_confirmation_and_says_the_same()
    {
        const string email = "twice@example.org";
        var municipality = await Site.WithDbAsync(db => db.Municipalities.Select(m => m.Id).FirstAsync());
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Place"] = "municipality",
            ["Input.MunicipalityId"] = municipality.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var first = await Forms.PostAsync(Site.CreateBrowserClient(), "/Subscribe", fields);
        var second = await Forms.PostAsync(Site.CreateBrowserClient(), "/Subscribe", fields);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await Site.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.Email == email)));
        Assert.Equal(1, await Site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email)));
    }

    private Task<string> RevealAsync(Domain.Subscriptions.Subscription subscription) =>
        Task.FromResult(Site.Services.GetRequiredService<Marketplace.Infrastructure.Subscriptions.SubscriptionTokens>().Reveal(subscription.TokenCipher));

    [GeneratedRegex(@"https://ferias\.example\.org(/Subscribe/Confirm\?token=([A-Za-z0-9_-]{43}))")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"/Fairs/(\d+)")]
    private static partial Regex DayLink();
}
