using System.Globalization;
using System.Net;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Venues;
using Marketplace.Web.Pages.ProducerArea.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Reach;

/// <summary>
/// The language of a page: the switch's cookie, else Accept-Language, else the page's region's
/// default (Spanish for Huancavelica, Portuguese for Paraná); dates and money in that culture,
/// money in the municipality's currency; e-mails in the recipient's chosen language.
/// </summary>
public class LanguageTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> DayInAsync(string regionCode) => site.WithDbAsync(db => db.FairDays
        .Where(d => d.Venue!.Municipality!.Region!.Code == regionCode && d.EndsAtUtc > DateTime.UtcNow)
        .OrderBy(d => d.StartsAtUtc).Select(d => d.Id).FirstAsync(Ct));

    private static async Task<string> GetAsync(HttpClient client, string path, string? acceptLanguage, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie",
                $"{CookieRequestCultureProvider.DefaultCookieName}={Uri.EscapeDataString(CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(cookie)))}");
        }
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static string Lang(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<html lang=\"([^\"]+)\"").Groups[1].Value;

    public static TheoryData<string, string, string> Cultures() => new()
    {
        { "es", "Tarifa del puesto", "desde" },
        { "pt-BR", "Tarifa da banca", "a partir de" },
        { "en", "Stall fee", "from" },
    };

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task A_fair_day_is_written_in_the_chosen_language_with_its_dates_and_money(string culture, string feeLabel,
        string from)
    {
        var dayId = await DayInAsync("huancavelica");
        var (date, seriesId) = await site.WithDbAsync(db => db.FairDays.Where(d => d.Id == dayId)
            .Select(d => new ValueTuple<DateOnly, int>(d.Date, d.FairSeriesId)).SingleAsync(Ct));
        await site.WithDbAsync(async db =>
        {
            if (!await db.SeriesFees.AnyAsync(f => f.FairSeriesId == seriesId, Ct))
            {
                db.SeriesFees.Add(new SeriesFee { FairSeriesId = seriesId, StallKind = StallKind.Produce, Amount = 1234.5m });
                await db.SaveChangesAsync(Ct);
            }
        });

        var html = WebUtility.HtmlDecode(await GetAsync(site.CreateClient(), $"/Fairs/{dayId}", acceptLanguage: null, cookie: culture));

        var ci = CultureInfo.GetCultureInfo(culture);
        Assert.Equal(culture, Lang(html));
        Assert.Contains(feeLabel, html);
        Assert.Contains($"{from} {Money.Format(1234.5m, "PEN", ci)}", html);
        Assert.Contains(date.ToString("D", ci), html);
        // Each culture writes the cents its own way; the symbol is the municipality's currency's.
        var fee = System.Text.RegularExpressions.Regex.Match(html, "id=\"stall-fee\">([^<]+)<").Groups[1].Value;
        Assert.Contains(culture == "en" ? "234.50" : "234,50", fee);
        Assert.Contains("S/", fee);
    }

    [Fact]
    public async Task Without_a_choice_a_page_takes_its_regions_language()
    {
        var client = site.CreateClient();
        Assert.Equal("pt-BR", Lang(await GetAsync(client, $"/Fairs/{await DayInAsync("parana")}", acceptLanguage: null)));
        Assert.Equal("es", Lang(await GetAsync(client, $"/Fairs/{await DayInAsync("huancavelica")}", acceptLanguage: null)));
        // A language the site does not speak counts as no choice.
        Assert.Equal("pt-BR", Lang(await GetAsync(client, $"/Fairs/{await DayInAsync("parana")}", "de-DE")));
    }

    [Fact]
    public async Task The_browsers_language_beats_the_regions_and_the_switch_beats_both()
    {
        var client = site.CreateClient();
        var parana = $"/Fairs/{await DayInAsync("parana")}";
        Assert.Equal("en", Lang(await GetAsync(client, parana, "en-US,en;q=0.9")));
        Assert.Equal("es", Lang(await GetAsync(client, parana, "es-PE")));
        Assert.Equal("es", Lang(await GetAsync(client, parana, "en-US", cookie: "es")));
    }

    [Fact]
    public async Task The_language_switch_is_a_link_that_remembers_the_choice()
    {
        var client = site.CreateBrowserClient();
        var home = await GetAsync(client, "/", "es-PE");
        Assert.Contains("href=\"/Culture?culture=pt-BR&amp;returnUrl=%2F\"", home);

        var switched = await client.GetAsync("/Culture?culture=pt-BR&returnUrl=%2FFairs", Ct);

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Fairs", switched.Headers.Location!.OriginalString);
        Assert.Equal("pt-BR", Lang(await GetAsync(client, "/Fairs", "es-PE")));
    }

    [Fact]
    public async Task An_email_to_someone_who_chose_portuguese_is_in_portuguese()
    {
        const string email = "producer@demo.local";
        var client = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(client, email, MarketplaceFactory.DemoPassword)).StatusCode);
        // Chosen while signed in, the language is kept on the account.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Culture?culture=pt-BR&returnUrl=%2F", Ct)).StatusCode);
        Assert.Equal("pt-BR", await site.WithDbAsync(db => db.Users.Where(u => u.Email == email)
            .Select(u => u.PreferredCulture).SingleAsync(Ct)));

        // Someone asks for a reset from a Spanish browser: the mail follows the recipient's choice.
        var stranger = site.CreateBrowserClient();
        stranger.DefaultRequestHeaders.Add("Accept-Language", "es-PE");
        var before = DateTime.UtcNow.AddSeconds(-1);
        var asked = await Forms.PostAsync(stranger, "/Identity/Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);

        var mail = await site.WithDbAsync(db => db.OutboxMessages
            .Where(m => m.ToAddress == email && m.Kind == "reset-password" && m.CreatedAtUtc >= before)
            .SingleAsync(Ct));
        Assert.Equal("pt-BR", mail.Culture);
        Assert.Equal("Marketplace: redefina sua senha", mail.Subject);
        Assert.Contains("lang=\"pt-BR\"", mail.HtmlBody!);
        Assert.DoesNotContain("contraseña", mail.TextBody);
    }
}
