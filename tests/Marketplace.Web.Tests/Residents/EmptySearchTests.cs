using Marketplace.Domain.Bookings;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Domain.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Residents;

/// <summary>A search that finds nothing says why and offers the nearest searches; a town's name offers the town; counts agree in number.</summary>
public partial class EmptySearchTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The link whose text starts with <paramref name="wording"/>, decoded as a browser would follow it.</summary>
    private static string LinkStartingWith(string html, string wording)
    {
        var link = Links().Matches(html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["text"].Value).StartsWith(wording, StringComparison.Ordinal));
        Assert.True(link is not null, $"a link starting \"{wording}\"");
        return WebUtility.HtmlDecode(link.Groups["href"].Value);
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]*)\">(?<text>[^<]*)</a>")]
    private static partial Regex Links();

    private Task<int> MunicipalityIdAsync(string code) =>
        site.WithDbAsync(db => db.Municipalities.Where(m => m.Code == code).Select(m => m.Id).SingleAsync());

    [Fact]
    public async Task An_empty_search_past_every_date_says_so_and_links_the_same_search_without_dates_which_finds_days()
    {
        var londrina = await MunicipalityIdAsync("BR-4113700");
        var client = site.CreateBrowserClient();

        var html = await client.GetStringAsync($"/Fairs?municipality={londrina}&from=2099-01-01&to=2099-01-31", Token);

        Assert.Contains("0 ferias encontradas", html);
        Assert.Contains("Ninguna feria próxima cumple todos los filtros", html);
        var withoutDates = LinkStartingWith(html, "Sin el filtro de fechas hay ");
        Assert.Equal($"/Fairs?municipality={londrina}", withoutDates);

        var followed = await client.GetStringAsync(withoutDates, Token);
        Assert.Contains("Feira de Beira de Estrada da PR-445", followed);
        Assert.DoesNotContain("Ninguna feria próxima cumple todos los filtros", followed);
    }

    [Fact]
    public async Task A_municipality_without_fairs_offers_the_same_search_around_it_that_finds_its_neighbours_days()
    {
        var huaytara = await MunicipalityIdAsync("PE-0906");
        var client = site.CreateBrowserClient();

        var html = await client.GetStringAsync($"/Fairs?municipality={huaytara}", Token);

        var nearby = LinkStartingWith(html, "A menos de ");
        Assert.StartsWith("/Fairs?near=-13.605,-75.3536&km=", nearby);
        var followed = await client.GetStringAsync(nearby, Token);
        Assert.Contains("Feria Ecológica Itinerante de Huancavelica", followed);
        Assert.DoesNotContain("Feira de Beira de Estrada da PR-445", followed);
    }

    [Fact]
    public async Task A_product_missing_on_those_days_is_offered_in_the_corridor_and_each_other_filter_is_named()
    {
        var (huancavelica, corridor, dairy) = await site.WithDbAsync(async db =>
        {
            var town = await db.Municipalities.SingleAsync(m => m.Code == "PE-0901");
            var product = await db.ProductCategories.SingleAsync(c => c.Code == "dairy");
            return (town.Id, town.CorridorId!.Value, product.Id);
        });
        var client = site.CreateBrowserClient();

        // Cheese in Huancavelica comes to the Sunday market only.
        var html = await client.GetStringAsync($"/Fairs?municipality={huancavelica}&product={dairy}&weekday=sat", Token);

        Assert.Equal($"/Fairs?corridor={corridor}&product={dairy}",
            LinkStartingWith(html, "Con Lácteos y quesos en el Corredor Huancavelica Centro, en cualquier fecha, hay "));
        LinkStartingWith(html, "Sin el filtro de producto hay ");
        Assert.Equal($"/Fairs?municipality={huancavelica}&product={dairy}",
            LinkStartingWith(html, "Sin el filtro de día de la semana hay "));
        var sundays = await client.GetStringAsync($"/Fairs?municipality={huancavelica}&product={dairy}", Token);
        Assert.Contains("Mercado Dominical de Huancavelica", sundays);
    }

    [Fact]
    public async Task A_search_no_single_filter_explains_offers_every_coming_fair_day()
    {
        var client = site.CreateBrowserClient();

        var html = await client.GetStringAsync("/Fairs?from=2099-01-01&q=zzzz", Token);

        Assert.Contains("Ningún filtro por sí solo vacía la búsqueda", html);
        Assert.Equal("/Fairs", LinkStartingWith(html, "vea todas las ferias próximas"));
    }

    [Theory]
    [InlineData("es", "1 feria encontrada")]
    [InlineData("pt-BR", "1 feira encontrada")]
    [InlineData("en", "1 fair day found")]
    public async Task One_fair_day_found_is_said_in_the_singular(string language, string found)
    {
        var day = await site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var days = await db.FairDays.Where(d => d.EndsAtUtc > now && d.Status == FairDayStatus.Scheduled)
                .Select(d => new { d.Id, d.Date, d.Venue!.MunicipalityId }).ToListAsync();
            return days.GroupBy(d => (d.Date, d.MunicipalityId)).First(g => g.Count() == 1).Single();
        });
        var client = site.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var html = await client.GetStringAsync($"/Fairs?municipality={day.MunicipalityId}&from={day.Date:yyyy-MM-dd}&to={day.Date:yyyy-MM-dd}", Token);

        Assert.Contains($"href=\"/Fairs/{day.Id}\"", html);
        Assert.Contains($"<p>{found} · ", html);
    }

    [Theory]
    [InlineData("es", "1 productor")]
    [InlineData("pt-BR", "1 produtor")]
    [InlineData("en", "1 producer")]
    public async Task A_day_with_one_stall_holder_says_so_in_the_singular(string language, string holders)
    {
        var day = await site.WithDbAsync(async db =>
        {
            // A coming day nobody holds a stall on yet, and one producer who takes one.
            var now = DateTime.UtcNow;
            var day = await db.FairDays
                .Where(d => d.EndsAtUtc > now && d.Status == FairDayStatus.Scheduled && !db.Bookings.Any(b => b.FairDayId == d.Id))
                .OrderBy(d => d.StartsAtUtc).Select(d => new { d.Id, d.Date, d.VenueId, d.Venue!.MunicipalityId }).FirstAsync();
            var stall = await db.Stalls.Where(s => s.VenueId == day.VenueId).Select(s => s.Id).FirstAsync();
            var producer = await db.Producers.Select(p => p.Id).FirstAsync();
            db.Bookings.Add(Booking.Confirm(day.Id, producer, stall, now));
            await db.SaveChangesAsync();
            return day;
        });
        var client = site.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var html = await client.GetStringAsync($"/Fairs?municipality={day.MunicipalityId}&from={day.Date:yyyy-MM-dd}&to={day.Date:yyyy-MM-dd}", Token);

        var line = html[html.IndexOf($"href=\"/Fairs/{day.Id}\"", StringComparison.Ordinal)..];
        Assert.Contains($"<span class=\"tag\">{holders}</span>", line[..line.IndexOf("</li>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task The_home_search_box_sends_the_same_field_to_the_same_page_as_the_search_form()
    {
        var client = site.CreateBrowserClient();
        var home = await client.GetStringAsync("/", Token);
        var search = await client.GetStringAsync("/Fairs", Token);

        Assert.Contains("<form method=\"get\" action=\"/Fairs\" class=\"search\" role=\"search\">", home);
        Assert.Matches("<input type=\"search\" id=\"q\" name=\"q\" [^>]*maxlength=\"100\"", home);
        Assert.Matches("<input type=\"search\" id=\"q\" name=\"q\" [^>]*maxlength=\"100\"", search);
    }

    [Fact]
    public async Task A_town_typed_in_the_home_box_offers_that_towns_fair_days_first()
    {
        var lircay = await MunicipalityIdAsync("PE-0903");
        var client = site.CreateBrowserClient();

        // What the home form sends for "LÍRCAY " typed on a phone.
        var html = await client.GetStringAsync("/Fairs?q=L%C3%8DRCAY+", Token);

        var town = LinkStartingWith(html, "Solo en Lircay (Angaraes): ");
        Assert.Equal($"/Fairs?municipality={lircay}", town);
        Assert.True(html.IndexOf("Solo en Lircay", StringComparison.Ordinal) < html.IndexOf("<form method=\"get\" class=\"search\"", StringComparison.Ordinal),
            "the town's link comes before the form and the results");
        var followed = await client.GetStringAsync(town, Token);
        Assert.Contains("Explanada del Mercado de Lircay", followed);
        Assert.DoesNotContain("Plaza de Armas de Huancavelica", followed);
        Assert.Contains($"<option value=\"{lircay}\" selected=\"selected\">", followed);
    }

    [Fact]
    public async Task Text_that_names_no_town_offers_no_town()
    {
        var client = site.CreateBrowserClient();
        var html = await client.GetStringAsync("/Fairs?q=papa", Token);

        Assert.DoesNotContain("Solo en ", html);
    }
}
