using System.Collections.Concurrent;
using System.Net;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.StaffCalendar.CalendarScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.StaffCalendar;

/// <summary>The site with a fair-day change listener that records what it was told, as resident alerts will be.</summary>
public sealed class ListenedMarketplaceFactory : MarketplaceFactory
{
    public ConcurrentQueue<(int FairDayId, FairDayChangeKind Kind, bool InTransaction)> Heard { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddScoped<IFairDayChangeListener>(provider =>
            new RecordingListener(provider.GetRequiredService<Marketplace.Infrastructure.Data.MarketplaceDbContext>(), Heard)));

    private sealed class RecordingListener(Marketplace.Infrastructure.Data.MarketplaceDbContext db,
        ConcurrentQueue<(int, FairDayChangeKind, bool)> heard) : IFairDayChangeListener
    {
        public Task FairDayChangedAsync(FairDayChange change, CancellationToken cancellationToken)
        {
            heard.Enqueue((change.Day.Id, change.Kind, db.Database.CurrentTransaction is not null));
            return Task.CompletedTask;
        }
    }
}

/// <summary>The month view and the exceptions of one fair day: skip, move, cancel; who sees and who changes.</summary>
public class FairDayExceptionTests(ListenedMarketplaceFactory site) : IClassFixture<ListenedMarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Staff, int Venue, int Series, List<FairDay> Days)> SeriesAsync()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);
        await AddStallsAsync(staff, venue, "F-", 1, 6);
        var series = await CreateSeriesAsync(site, staff, await WeeklySeriesFormAsync(site, Unique("Feria del calendario"), venue));
        return (staff, venue, series, await DaysAsync(site, series));
    }

    private static Task<HttpResponseMessage> PostDayAsync(HttpClient client, int dayId, string handler,
        Dictionary<string, string> fields, string tokenPage = "/Staff/Venues/Edit") =>
        Forms.PostAsync(client, tokenPage, fields, $"/Staff/FairDays/{dayId}?handler={handler}");

    [Fact]
    public async Task The_month_view_shows_the_days_of_the_month_with_links_to_the_next_and_previous_months()
    {
        var (staff, _, series, days) = await SeriesAsync();
        var name = await site.WithDbAsync(db => db.FairSeries.Where(s => s.Id == series).Select(s => s.Name).SingleAsync(Token));
        var month = days[0].Date;
        var key = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var html = WebUtility.HtmlDecode(await staff.GetStringAsync($"/Staff/Calendar?month={key}", Token));

        var inMonth = days.Where(d => d.Date.Year == month.Year && d.Date.Month == month.Month).ToList();
        Assert.All(inMonth, d => Assert.Contains($"href=\"/Staff/FairDays/{d.Id}\"", html));
        Assert.Contains(name, html);
        Assert.Contains($"?month={month.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}\" rel=\"next\"", html);
        Assert.Contains($"?month={month.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}\" rel=\"prev\"", html);
        var later = days.First(d => d.Date > new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(7));
        Assert.DoesNotContain($"href=\"/Staff/FairDays/{later.Id}\"", html);

        var bad = await staff.GetAsync("/Staff/Calendar?month=diciembre", Token);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("No se entendió el mes pedido", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync(Token)));
        var parana = await SignedInAsync(site, ParanaStaff);
        Assert.DoesNotContain(name, WebUtility.HtmlDecode(await parana.GetStringAsync($"/Staff/Calendar?month={key}", Token)));
    }

    [Fact]
    public async Task Skipping_a_free_day_bumps_its_sequence_and_a_booked_day_cannot_be_skipped()
    {
        var (staff, _, _, days) = await SeriesAsync();
        var producer = await CreateProducerAsync(site, Huancavelica);
        await BookAsync(site, days[1].Id, producer.Id);

        var skipped = await PostDayAsync(staff, days[0].Id, "Skip", new() { ["SkipReason"] = "Feriado local" });
        var refused = await PostDayAsync(staff, days[1].Id, "Skip", new() { ["SkipReason"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
        var day = await site.WithDbAsync(db => db.FairDays.AsNoTracking().SingleAsync(d => d.Id == days[0].Id, Token));
        Assert.Equal((FairDayStatus.Skipped, "Feriado local", 1), (day.Status, day.StatusReason, day.Sequence));
        Assert.Contains((days[0].Id, FairDayChangeKind.Skipped, true), site.Heard);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Este día tiene reservas: no se puede saltar.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Token)));
        Assert.Equal(FairDayStatus.Scheduled, await site.WithDbAsync(db => db.FairDays.Where(d => d.Id == days[1].Id).Select(d => d.Status).SingleAsync(Token)));

        var again = await PostDayAsync(staff, days[0].Id, "Skip", new());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await site.WithDbAsync(db => db.FairDays.Where(d => d.Id == days[0].Id).Select(d => d.Sequence).SingleAsync(Token)));
    }

    [Fact]
    public async Task Moving_a_booked_day_keeps_its_identity_uses_local_time_and_tells_the_producer()
    {
        var (staff, _, _, days) = await SeriesAsync();
        var producer = await CreateProducerAsync(site, Huancavelica);
        await BookAsync(site, days[0].Id, producer.Id);
        var target = days[0];
        var newDate = target.Date.AddDays(1);
        var otherVenue = await site.WithDbAsync(db => db.Venues.Where(v => v.Name == "Plaza de Armas de Huancavelica").Select(v => v.Id).SingleAsync(Token));

        var refusedVenue = await PostDayAsync(staff, target.Id, "Move", new()
        {
            ["Move.Date"] = Iso(newDate), ["Move.VenueId"] = otherVenue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Move.StartTime"] = "08:30", ["Move.EndTime"] = "15:00",
        });
        var moved = await PostDayAsync(staff, target.Id, "Move", new()
        {
            ["Move.Date"] = Iso(newDate), ["Move.VenueId"] = target.VenueId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Move.StartTime"] = "08:30", ["Move.EndTime"] = "15:00",
        });

        Assert.Equal(HttpStatusCode.OK, refusedVenue.StatusCode);
        Assert.Contains("no de lugar", WebUtility.HtmlDecode(await refusedVenue.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var day = await site.WithDbAsync(db => db.FairDays.AsNoTracking().SingleAsync(d => d.Id == target.Id, Token));
        Assert.Equal((target.OccurrenceDate, newDate, new TimeOnly(8, 30), 1), (day.OccurrenceDate, day.Date, day.StartTime, day.Sequence));
        Assert.Equal(newDate.ToDateTime(new TimeOnly(13, 30), DateTimeKind.Utc), day.StartsAtUtc);
        var mail = Assert.Single(await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == producer.Email).ToListAsync(Token)));
        Assert.Equal("fair-day-changed", mail.Kind);
        Assert.Contains((target.Id, FairDayChangeKind.Moved, true), site.Heard);
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/Staff/FairDays/{target.Id}", Token));
        Assert.Contains("Día de feria cambiado", page);
        Assert.Contains("America/Lima", page);
    }

    [Fact]
    public async Task A_move_with_bad_input_gives_field_errors_and_changes_nothing()
    {
        var (staff, _, _, days) = await SeriesAsync();

        var response = await PostDayAsync(staff, days[0].Id, "Move", new()
        {
            ["Move.Date"] = "2020-01-01", ["Move.VenueId"] = "999999", ["Move.StartTime"] = "9am", ["Move.EndTime"] = "07:00",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
        Assert.Contains("Elija hoy o una fecha futura.", html);
        Assert.Contains("Elija: Lugar.", html);
        Assert.Contains("Hora de inicio: escriba una hora como 07:30.", html);
        Assert.Equal(0, await site.WithDbAsync(db => db.FairDays.Where(d => d.Id == days[0].Id).Select(d => d.Sequence).SingleAsync(Token)));
    }

    [Fact]
    public async Task Cancelling_tells_every_booked_producer_once_and_the_day_stays_visible_as_cancelled()
    {
        var (staff, _, _, days) = await SeriesAsync();
        var day = days[0];
        var first = await CreateProducerAsync(site, Huancavelica);
        var second = await CreateProducerAsync(site, Huancavelica);
        var assisted = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        foreach (var producer in new[] { first, second, assisted })
        {
            await BookAsync(site, day.Id, producer.Id);
        }
        var before = await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "fair-day-cancelled", Token));

        var missing = await PostDayAsync(staff, day.Id, "Cancel", new() { ["CancelReason"] = " " });
        var cancelled = await PostDayAsync(staff, day.Id, "Cancel", new() { ["CancelReason"] = "Huaico en la carretera" });

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Falta: Motivo.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var stored = await site.WithDbAsync(db => db.FairDays.AsNoTracking().SingleAsync(d => d.Id == day.Id, Token));
        Assert.Equal((FairDayStatus.Cancelled, "Huaico en la carretera", 1), (stored.Status, stored.StatusReason, stored.Sequence));
        var messages = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == "fair-day-cancelled").ToListAsync(Token));
        Assert.Equal(before + 2, messages.Count);
        Assert.Single(messages, m => m.ToAddress == first.Email);
        Assert.Single(messages, m => m.ToAddress == second.Email);
        Assert.All(messages.Where(m => m.ToAddress == first.Email), m => Assert.Contains("Huaico en la carretera", m.TextBody));
        Assert.Equal(1, await site.WithDbAsync(db => db.PhoneNotices.CountAsync(n => n.ProducerId == assisted.Id, Token)));
        Assert.Contains((day.Id, FairDayChangeKind.Cancelled, true), site.Heard);

        var publicPage = await site.CreateClient().GetAsync($"/Fairs/{day.Id}", Token);
        Assert.Equal(HttpStatusCode.OK, publicPage.StatusCode);
        var html = WebUtility.HtmlDecode(await publicPage.Content.ReadAsStringAsync(Token));
        Assert.Contains("Huaico en la carretera", html);
        var again = await PostDayAsync(staff, day.Id, "Cancel", new() { ["CancelReason"] = "Otra vez" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(before + 2, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "fair-day-cancelled", Token)));
    }

    [Fact]
    public async Task The_host_municipality_sees_an_itinerant_day_read_only_and_others_get_404()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);
        var acobamba = await site.WithDbAsync(db => db.Venues.Where(v => v.Name == "Plaza Principal de Acobamba").Select(v => v.Id).SingleAsync(Token));
        var series = await CreateSeriesAsync(site, staff, await WeeklySeriesFormAsync(site, Unique("Feria de paso"), venue, acobamba));
        var hosted = (await DaysAsync(site, series)).First(d => d.VenueId == acobamba);
        var host = await SignedInAsync(site, await CreateStaffAsync(site, "PE-0902"));
        var parana = await SignedInAsync(site, ParanaStaff);
        var key = hosted.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var calendar = WebUtility.HtmlDecode(await host.GetStringAsync($"/Staff/Calendar?month={key}", Token));
        var page = WebUtility.HtmlDecode(await host.GetStringAsync($"/Staff/FairDays/{hosted.Id}", Token));

        Assert.Contains($"href=\"/Staff/FairDays/{hosted.Id}\"", calendar);
        Assert.Contains("En su sede (solo lectura)", calendar);
        Assert.Contains("los cambios los hace el municipio organizador", page);
        Assert.DoesNotContain("handler=Cancel", page);
        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/FairDays/{hosted.Id}", Token)).StatusCode);
        foreach (var handler in new[] { "Move", "Skip", "Cancel" })
        {
            var fields = new Dictionary<string, string>
            {
                ["CancelReason"] = "No", ["SkipReason"] = "No", ["Move.Date"] = Iso(hosted.Date),
                ["Move.VenueId"] = acobamba.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Move.StartTime"] = "09:00", ["Move.EndTime"] = "12:00",
            };
            var asHost = await PostDayAsync(host, hosted.Id, handler, fields);
            var asOther = await PostDayAsync(parana, hosted.Id, handler, fields);
            AssertDenied(asHost);
            Assert.NotEqual(HttpStatusCode.NotFound, asHost.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, asOther.StatusCode);
        }
        var after = await site.WithDbAsync(db => db.FairDays.AsNoTracking().SingleAsync(d => d.Id == hosted.Id, Token));
        Assert.Equal((FairDayStatus.Scheduled, 0, hosted.StartTime), (after.Status, after.Sequence, after.StartTime));
    }

    [Fact]
    public async Task An_unknown_fair_day_is_not_found()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Staff/FairDays/987654", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostDayAsync(staff, 987654, "Cancel", new() { ["CancelReason"] = "x" })).StatusCode);
    }
}
