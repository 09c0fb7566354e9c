using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.StaffCalendar.CalendarScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.StaffCalendar;

/// <summary>Venues and their stall layouts through the staff forms, and who may touch them.</summary>
public class VenueLayoutTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_create_a_venue_then_edit_it_and_see_it_listed()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var id = await CreateVenueAsync(site, staff, Huancavelica);
        var created = await site.WithDbAsync(db => db.Venues.AsNoTracking().SingleAsync(v => v.Id == id, Token));
        Assert.Equal(-12.7866, created.Latitude, 6);
        Assert.Equal(-74.9757, created.Longitude, 6);

        var newName = Unique("Campo ferial renovado");
        var edit = await Forms.PostAsync(staff, $"/Staff/Venues/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Name"] = newName,
            ["Input.Kind"] = "Field",
            ["Input.MunicipalityId"] = created.MunicipalityId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Latitude"] = "-12.79",
            ["Input.Longitude"] = "-74.98",
        });

        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var edited = await site.WithDbAsync(db => db.Venues.AsNoTracking().SingleAsync(v => v.Id == id, Token));
        Assert.Equal(newName, edited.Name);
        Assert.Equal(Domain.Venues.VenueKind.Field, edited.Kind);
        Assert.Null(edited.Address);
        Assert.Contains(newName, await staff.GetStringAsync("/Staff/Venues", Token));
    }

    [Fact]
    public async Task A_venue_form_with_bad_input_answers_with_field_errors_and_saves_nothing()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var parana = await MunicipalityIdAsync(site, Parana);
        var before = await site.WithDbAsync(db => db.Venues.CountAsync(Token));

        var response = await Forms.PostAsync(staff, "/Staff/Venues/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Kind"] = "Volcano",
            ["Input.MunicipalityId"] = parana.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Latitude"] = "95",
            ["Input.Longitude"] = "lejos",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
        Assert.Contains("Falta: Nombre del lugar.", html);
        Assert.Contains("Latitud: un número entre -90 y 90.", html);
        Assert.Contains("Longitud: un número entre -180 y 180.", html);
        Assert.Contains("Elija: Municipio.", html);
        Assert.Equal(before, await site.WithDbAsync(db => db.Venues.CountAsync(Token)));
    }

    [Theory]
    [InlineData("Plaza\nNueva")]
    [InlineData("Plaza\tNueva")]
    [InlineData("Plaza\u0007Nueva")]
    [InlineData("Plaza \u202Eaveun")]
    public async Task A_venue_name_with_control_characters_is_a_field_error(string name)
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        var before = await site.WithDbAsync(db => db.Venues.CountAsync(Token));

        var response = await Forms.PostAsync(staff, "/Staff/Venues/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = "Plaza",
            ["Input.MunicipalityId"] = municipality.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Latitude"] = "-12.7",
            ["Input.Longitude"] = "-74.9",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no admite saltos de línea, tabuladores ni otros caracteres de control",
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token)));
        Assert.Equal(before, await site.WithDbAsync(db => db.Venues.CountAsync(Token)));
    }

    [Fact]
    public async Task A_second_venue_with_the_same_name_in_the_municipality_is_a_field_error()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var name = Unique("Plaza repetida");
        await CreateVenueAsync(site, staff, Huancavelica, name);
        var municipality = await MunicipalityIdAsync(site, Huancavelica);

        var response = await Forms.PostAsync(staff, "/Staff/Venues/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = "Plaza",
            ["Input.MunicipalityId"] = municipality.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Latitude"] = "-12.7",
            ["Input.Longitude"] = "-74.9",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ya hay un lugar con ese nombre", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Bulk_stalls_are_numbered_in_the_grid_and_a_clashing_range_adds_none()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);

        var added = await AddStallsAsync(staff, venue, "A-", 1, 20);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var layout = await staff.GetStringAsync($"/Staff/Venues/{venue}/Stalls", Token);
        Assert.Contains("id=\"stall-A-01\"", layout);
        Assert.Contains("id=\"stall-A-20\"", layout);
        Assert.Contains("20 puestos añadidos (A-01 … A-20).", WebUtility.HtmlDecode(layout));
        var stalls = await site.WithDbAsync(db => db.Stalls.AsNoTracking().Where(s => s.VenueId == venue).ToListAsync(Token));
        Assert.Equal(20, stalls.Count);
        Assert.All(stalls, s => Assert.True(s.HasShade && !s.HasPower && s.WidthMeters == 2.5m));

        var clash = await AddStallsAsync(staff, venue, "A-", 18, 25);
        Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
        Assert.Contains("Ya existen en este lugar: A-18, A-19, A-20.", WebUtility.HtmlDecode(await clash.Content.ReadAsStringAsync(Token)));
        Assert.Equal(20, await site.WithDbAsync(db => db.Stalls.CountAsync(s => s.VenueId == venue, Token)));

        var one = await Forms.PostAsync(staff, $"/Staff/Venues/{venue}/Stalls", new Dictionary<string, string>
        {
            ["One.Code"] = "a-05",
            ["One.Kind"] = "Crafts",
            ["One.Width"] = "3",
            ["One.Depth"] = "3",
        }, $"/Staff/Venues/{venue}/Stalls?handler=Add");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("Ya existen en este lugar: a-05.", WebUtility.HtmlDecode(await one.Content.ReadAsStringAsync(Token)));
    }

    [Fact]
    public async Task One_stall_with_its_amenities_and_bad_stall_input_gives_field_errors()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);

        var good = await Forms.PostAsync(staff, $"/Staff/Venues/{venue}/Stalls", new Dictionary<string, string>
        {
            ["One.Code"] = "Box 7",
            ["One.Kind"] = "PreparedFood",
            ["One.Width"] = "4",
            ["One.Depth"] = "2,5",
            ["One.HasPower"] = "true",
            ["One.HasWater"] = "true",
            ["One.IsAccessible"] = "true",
        }, $"/Staff/Venues/{venue}/Stalls?handler=Add");
        var bad = await Forms.PostAsync(staff, $"/Staff/Venues/{venue}/Stalls", new Dictionary<string, string>
        {
            ["Bulk.Prefix"] = "B-",
            ["Bulk.From"] = "9",
            ["Bulk.To"] = "3",
            ["Bulk.Kind"] = "Produce",
            ["Bulk.Width"] = "-1",
            ["Bulk.Depth"] = "x",
        }, $"/Staff/Venues/{venue}/Stalls?handler=Bulk");

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var stall = await site.WithDbAsync(db => db.Stalls.AsNoTracking().SingleAsync(s => s.VenueId == venue, Token));
        Assert.Equal(("Box 7", Domain.Venues.StallKind.PreparedFood, 4m, 2.5m), (stall.Code, stall.Kind, stall.WidthMeters, stall.DepthMeters));
        Assert.True(stall.HasPower && stall.HasWater && stall.IsAccessible && !stall.HasShade);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync(Token));
        Assert.Contains("«Hasta» no puede ser menor que «desde»", html);
        Assert.Contains("Ancho (metros): un número de metros", html);
        Assert.Contains("Fondo (metros): un número de metros", html);
        Assert.Equal(1, await site.WithDbAsync(db => db.Stalls.CountAsync(s => s.VenueId == venue, Token)));
    }

    [Fact]
    public async Task A_stall_booked_on_a_coming_day_cannot_be_deleted_only_retired_and_a_free_one_can()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);
        await AddStallsAsync(staff, venue, "C-", 1, 3);
        var seriesId = await CreateSeriesAsync(site, staff, await WeeklySeriesFormAsync(site, Unique("Feria del puesto"), venue));
        var day = (await DaysAsync(site, seriesId))[0];
        var producer = await CreateProducerAsync(site, Huancavelica);
        await BookAsync(site, day.Id, producer.Id);
        var stalls = await site.WithDbAsync(db => db.Stalls.AsNoTracking().Where(s => s.VenueId == venue)
            .OrderBy(s => s.Code).ToListAsync(Token));
        var booked = stalls[0];
        var free = stalls[1];

        var refused = await Forms.PostAsync(staff, $"/Staff/Venues/{venue}/Stalls", new Dictionary<string, string>(),
            $"/Staff/Venues/{venue}/Stalls?handler=Delete&stallId={booked.Id}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/Staff/Venues/{venue}/Stalls", Token));
        Assert.Contains("El puesto C-01 tiene 1 reservas en próximos días de feria: no se puede eliminar.", page);
        Assert.True(await site.WithDbAsync(db => db.Stalls.AnyAsync(s => s.Id == booked.Id, Token)));

        var retired = await Forms.PostAsync(staff, $"/Staff/Venues/{venue}/Stalls", new Dictionary<string, string>(),
            $"/Staff/Venues/{venue}/Stalls?handler=Retire&stallId={booked.Id}");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.True(await site.WithDbAsync(db => db.Stalls.Where(s => s.Id == booked.Id).Select(s => s.IsRetired).SingleAsync(Token)));

        var deleted = await Forms.PostAsync(staff, $"/Staff/Venues/{venue}/Stalls", new Dictionary<string, string>(),
            $"/Staff/Venues/{venue}/Stalls?handler=Delete&stallId={free.Id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await site.WithDbAsync(db => db.Stalls.AnyAsync(s => s.Id == free.Id, Token)));
    }

    [Fact]
    public async Task Staff_of_another_municipality_get_404_on_every_venue_page_and_post()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);
        await AddStallsAsync(staff, venue, "D-", 1, 2);
        var stallId = await site.WithDbAsync(db => db.Stalls.Where(s => s.VenueId == venue).Select(s => s.Id).FirstAsync(Token));
        var parana = await SignedInAsync(site, ParanaStaff);

        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/Venues/Edit/{venue}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/Venues/{venue}/Stalls", Token)).StatusCode);
        Assert.DoesNotContain($"/Staff/Venues/{venue}/Stalls", await parana.GetStringAsync("/Staff/Venues", Token));
        foreach (var action in new[]
                 {
                     $"/Staff/Venues/Edit/{venue}", $"/Staff/Venues/{venue}/Stalls?handler=Add",
                     $"/Staff/Venues/{venue}/Stalls?handler=Bulk", $"/Staff/Venues/{venue}/Stalls?handler=Retire&stallId={stallId}",
                     $"/Staff/Venues/{venue}/Stalls?handler=Restore&stallId={stallId}",
                     $"/Staff/Venues/{venue}/Stalls?handler=Delete&stallId={stallId}",
                 })
        {
            var response = await Forms.PostAsync(parana, "/Staff/Venues/Edit", new Dictionary<string, string>
            {
                ["Input.Name"] = "Robada", ["One.Code"] = "Z-1", ["Bulk.Prefix"] = "Z-", ["Bulk.From"] = "1", ["Bulk.To"] = "2",
            }, action);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var after = await site.WithDbAsync(db => db.Venues.AsNoTracking().Include(v => v.Stalls).SingleAsync(v => v.Id == venue, Token));
        Assert.Equal(2, after.Stalls.Count);
        Assert.DoesNotContain(after.Stalls, s => s.IsRetired);
        Assert.NotEqual("Robada", after.Name);
    }

    [Fact]
    public async Task An_administrator_opens_any_municipality_s_layout_and_pages_speak_the_visitor_s_language()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);
        var admin = await SignedInAsync(site, "admin@demo.local");
        var parana = await SignedInAsync(site, ParanaStaff);

        var layout = await admin.GetAsync($"/Staff/Venues/{venue}/Stalls", Token);
        var portuguese = WebUtility.HtmlDecode(await parana.GetStringAsync("/Staff/Calendar?culture=pt-BR", Token));
        var english = WebUtility.HtmlDecode(await parana.GetStringAsync("/Staff/Venues/Edit?culture=en", Token));

        Assert.Equal(HttpStatusCode.OK, layout.StatusCode);
        Assert.Contains("Calendário de feiras", portuguese);
        Assert.Contains("<html lang=\"pt-BR\"", portuguese);
        Assert.Contains("Venue name", english);
        Assert.Contains("Feira da PR-445 (km 12)", WebUtility.HtmlDecode(await parana.GetStringAsync("/Staff/Venues", Token)));
    }

    [Theory]
    [InlineData("/Staff/Venues")]
    [InlineData("/Staff/Venues/Edit")]
    [InlineData("/Staff/FairSeries")]
    [InlineData("/Staff/FairSeries/Edit")]
    [InlineData("/Staff/Calendar")]
    public async Task Producers_and_anonymous_visitors_get_no_calendar_page(string path)
    {
        var anonymous = site.CreateBrowserClient();
        var producer = await SignedInAsync(site, "producer@demo.local");

        var anonymousResponse = await anonymous.GetAsync(path, Token);
        var producerResponse = await producer.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", Target(anonymousResponse));
        AssertDenied(producerResponse);
        Assert.NotEqual(HttpStatusCode.NotFound, producerResponse.StatusCode);
    }
}
