using System.Net;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.StaffCalendar.CalendarScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.StaffCalendar;

/// <summary>Series created and edited through the friendly form, materialized at once.</summary>
public class FairSeriesFormTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Staff, int Venue)> StaffWithVenueAsync()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);
        await AddStallsAsync(staff, venue, "S-", 1, 4);
        return (staff, venue);
    }

    [Fact]
    public async Task A_weekly_series_on_two_weekdays_has_its_coming_days_at_once_and_reads_back_in_the_form()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var form = await WeeklySeriesFormAsync(site, Unique("Feria semanal"), venue);
        form["Input.Weekdays[0]"] = "Wednesday";
        form["Input.Weekdays[1]"] = "Saturday";
        form["Input.RequiresApproval"] = "true";

        var id = await CreateSeriesAsync(site, staff, form);

        var series = await site.WithDbAsync(db => db.FairSeries.AsNoTracking().Include(s => s.Fees).Include(s => s.Route)
            .SingleAsync(s => s.Id == id, Token));
        Assert.Equal("FREQ=WEEKLY;BYDAY=WE,SA", series.RecurrenceRule);
        Assert.Equal((20, 30, 60, true), (series.WomenQuotaPercent, series.LocalQuotaPercent, series.BookingOpensDaysBefore, series.RequiresApproval));
        Assert.Equal(5.50m, Assert.Single(series.Fees).Amount);
        var days = await DaysAsync(site, id);
        var today = TodayInLima();
        Assert.InRange(days.Count, 30, 36);
        Assert.All(days, d =>
        {
            Assert.Contains(d.Date.DayOfWeek, new[] { DayOfWeek.Wednesday, DayOfWeek.Saturday });
            Assert.InRange(d.Date, today, today.AddDays(MaterializeFairDays.HorizonDays));
            Assert.Equal(venue, d.VenueId);
            Assert.Equal(new TimeOnly(7, 0), d.StartTime);
            Assert.Equal(d.Date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), d.StartsAtUtc);
        });

        var edit = await staff.GetStringAsync($"/Staff/FairSeries/Edit/{id}", Token);
        Assert.Matches("id=\"Weekday_Wednesday\" name=\"Input.Weekdays\" value=\"Wednesday\" checked=\"checked\"", edit);
        Assert.Matches("id=\"Weekday_Saturday\" name=\"Input.Weekdays\" value=\"Saturday\" checked=\"checked\"", edit);
        Assert.DoesNotMatch("id=\"Weekday_Sunday\"[^>]*checked", edit);
        Assert.Contains(days.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await staff.GetStringAsync("/Staff/FairSeries", Token));
    }

    [Fact]
    public async Task A_monthly_series_on_the_first_and_last_sunday_gets_exactly_those_sundays()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var form = await WeeklySeriesFormAsync(site, Unique("Feria mensual"), venue);
        form.Remove("Input.Weekdays[0]");
        form["Input.Repeat"] = "MonthlyByWeekday";
        form["Input.Weeks[0]"] = "1";
        form["Input.Weeks[1]"] = "-1";
        form["Input.MonthlyWeekday"] = "Sunday";

        var id = await CreateSeriesAsync(site, staff, form);

        Assert.Equal("FREQ=MONTHLY;BYDAY=1SU,-1SU",
            await site.WithDbAsync(db => db.FairSeries.Where(s => s.Id == id).Select(s => s.RecurrenceRule).SingleAsync(Token)));
        var days = await DaysAsync(site, id);
        Assert.InRange(days.Count, 7, 9);
        Assert.All(days, d =>
        {
            Assert.Equal(DayOfWeek.Sunday, d.Date.DayOfWeek);
            Assert.True(d.Date.Day <= 7 || d.Date.AddDays(7).Month != d.Date.Month, $"{d.Date} is neither first nor last");
        });
        var edit = await staff.GetStringAsync($"/Staff/FairSeries/Edit/{id}", Token);
        Assert.Contains("id=\"Week_Last\" name=\"Input.Weeks\" value=\"-1\" checked=\"checked\"", edit);
        Assert.Contains("<option value=\"Sunday\" selected=\"selected\">", edit);
    }

    [Fact]
    public async Task A_series_on_explicit_dates_has_a_day_on_each_date_and_no_other()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var today = TodayInLima();
        var form = await WeeklySeriesFormAsync(site, Unique("Feria de fechas"), venue);
        form.Remove("Input.Weekdays[0]");
        form["Input.Repeat"] = "ExplicitDates";
        form["Input.Dates"] = $"{Iso(today.AddDays(40))}\n{Iso(today.AddDays(10))}, {Iso(today.AddDays(10))}";
        form["Input.StartsOn"] = "";

        var id = await CreateSeriesAsync(site, staff, form);

        var days = await DaysAsync(site, id);
        Assert.Equal([today.AddDays(10), today.AddDays(40)], days.Select(d => d.Date));
        Assert.Null(await site.WithDbAsync(db => db.FairSeries.Where(s => s.Id == id).Select(s => s.RecurrenceRule).SingleAsync(Token)));
    }

    [Fact]
    public async Task An_itinerant_series_rotates_through_its_route_across_municipalities_of_the_region()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var acobamba = await site.WithDbAsync(db => db.Venues.Where(v => v.Name == "Plaza Principal de Acobamba").Select(v => v.Id).SingleAsync(Token));
        var lircay = await site.WithDbAsync(db => db.Venues.Where(v => v.Name == "Explanada del Mercado de Lircay").Select(v => v.Id).SingleAsync(Token));

        var id = await CreateSeriesAsync(site, staff, await WeeklySeriesFormAsync(site, Unique("Feria itinerante"), venue, acobamba, lircay));

        var days = await DaysAsync(site, id);
        Assert.True(days.Count >= 6);
        int[] route = [venue, acobamba, lircay];
        for (var i = 0; i < days.Count; i++)
        {
            Assert.Equal(route[i % 3], days[i].VenueId);
        }
        Assert.Contains("Itinerante: 3 lugares", await staff.GetStringAsync("/Staff/FairSeries", Token));
    }

    [Fact]
    public async Task Bad_series_input_answers_with_field_errors_and_saves_nothing()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var paranaVenue = await site.WithDbAsync(db => db.Venues.Where(v => v.Municipality!.Code == Parana).Select(v => v.Id).FirstAsync(Token));
        var name = Unique("Feria mal escrita");
        var form = await WeeklySeriesFormAsync(site, name, venue, paranaVenue);
        form.Remove("Input.Weekdays[0]");
        form["Input.EndTime"] = "06:00";
        form["Input.WomenQuotaPercent"] = "70";
        form["Input.LocalQuotaPercent"] = "40";
        form["Input.Fees[Crafts]"] = "mucho";
        form["Input.BookingOpensDaysBefore"] = "muchos";
        form["Input.EndsOn"] = "2020-01-01";

        var response = await Forms.PostAsync(staff, "/Staff/FairSeries/Edit", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
        Assert.Contains("Elija al menos un día de la semana.", html);
        Assert.Contains("La hora de cierre va después de la de inicio.", html);
        Assert.Contains("Los dos cupos juntos no pueden pasar del 100 %.", html);
        Assert.Contains("Tarifa de «Artesanía»", html);
        Assert.Contains("Los lugares deben ser de la región del municipio organizador.", html);
        Assert.Contains("El fin de temporada va después del inicio.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.False(await site.WithDbAsync(db => db.FairSeries.AnyAsync(s => s.Name == name, Token)));
    }

    [Fact]
    public async Task Bad_explicit_dates_and_a_missing_route_are_field_errors()
    {
        var (staff, _) = await StaffWithVenueAsync();
        var form = await WeeklySeriesFormAsync(site, Unique("Feria sin lugar"));
        form["Input.Repeat"] = "ExplicitDates";
        form["Input.Dates"] = "2027-02-30 mañana";

        var response = await Forms.PostAsync(staff, "/Staff/FairSeries/Edit", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
        Assert.Contains("Estas fechas no se entienden (use AAAA-MM-DD): 2027-02-30, mañana.", html);
        Assert.Contains("Elija al menos un lugar.", html);
    }

    [Fact]
    public async Task New_hours_reach_the_coming_days_as_planned_and_only_their_booked_producers_are_told()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var name = Unique("Feria que cambia");
        var form = await WeeklySeriesFormAsync(site, name, venue);
        var id = await CreateSeriesAsync(site, staff, form);
        var days = await DaysAsync(site, id);
        var producer = await CreateProducerAsync(site, Huancavelica);
        await BookAsync(site, days[1].Id, producer.Id);
        var moved = await MoveDirectlyAsync(days[2].Id);

        form["Input.StartTime"] = "08:30";
        form["Input.EndTime"] = "14:00";
        var response = await Forms.PostAsync(staff, $"/Staff/FairSeries/Edit/{id}", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await DaysAsync(site, id);
        Assert.Equal(days.Select(d => d.Id), after.Select(d => d.Id));
        Assert.All(after.Where(d => d.Id != moved), d =>
        {
            Assert.Equal((new TimeOnly(8, 30), new TimeOnly(14, 0), 1), (d.StartTime, d.EndTime, d.Sequence));
            Assert.Equal(d.Date.ToDateTime(new TimeOnly(13, 30), DateTimeKind.Utc), d.StartsAtUtc);
        });
        Assert.Equal(new TimeOnly(7, 0), after.Single(d => d.Id == moved).StartTime);
        var mail = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == producer.Email).ToListAsync(Token));
        var changed = Assert.Single(mail);
        Assert.Equal("fair-day-changed", changed.Kind);
        Assert.Contains(name, changed.Subject);
        Assert.Contains($"/Fairs/{days[1].Id}", changed.TextBody);
        Assert.Contains("Feria", WebUtility.HtmlDecode(await staff.GetStringAsync("/Staff/FairSeries", Token)));
    }

    [Fact]
    public async Task Changing_the_weekday_skips_the_old_free_days_cancels_the_booked_one_and_plans_the_new_days()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var form = await WeeklySeriesFormAsync(site, Unique("Feria que se muda de día"), venue);
        var id = await CreateSeriesAsync(site, staff, form);
        var saturdays = await DaysAsync(site, id);
        var producer = await CreateProducerAsync(site, Huancavelica);
        await BookAsync(site, saturdays[0].Id, producer.Id);

        form["Input.Weekdays[0]"] = "Sunday";
        var response = await Forms.PostAsync(staff, $"/Staff/FairSeries/Edit/{id}", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await DaysAsync(site, id);
        var old = after.Where(d => saturdays.Any(s => s.Id == d.Id)).ToList();
        Assert.Equal(saturdays.Count, old.Count);
        Assert.Equal(FairDayStatus.Cancelled, old[0].Status);
        Assert.All(old.Skip(1), d => Assert.Equal(FairDayStatus.Skipped, d.Status));
        Assert.All(old, d => Assert.Equal(1, d.Sequence));
        var sundays = after.Except(old).ToList();
        Assert.NotEmpty(sundays);
        Assert.All(sundays, d => Assert.Equal(DayOfWeek.Sunday, d.Date.DayOfWeek));
        Assert.Equal("fair-day-cancelled", Assert.Single(await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == producer.Email).ToListAsync(Token))).Kind);
    }

    [Fact]
    public async Task A_longer_route_rotates_the_coming_days_but_a_day_with_held_stalls_keeps_its_venue()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var acobamba = await site.WithDbAsync(db => db.Venues.Where(v => v.Name == "Plaza Principal de Acobamba").Select(v => v.Id).SingleAsync(Token));
        var form = await WeeklySeriesFormAsync(site, Unique("Feria que se vuelve itinerante"), venue);
        var id = await CreateSeriesAsync(site, staff, form);
        var days = await DaysAsync(site, id);
        var producer = await CreateProducerAsync(site, Huancavelica);
        await BookAsync(site, days[1].Id, producer.Id);

        form["Input.Route[1]"] = acobamba.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await Forms.PostAsync(staff, $"/Staff/FairSeries/Edit/{id}", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await DaysAsync(site, id);
        Assert.Equal([venue, venue, venue, acobamba], after.Take(4).Select(d => d.VenueId));
        Assert.Equal([0, 0, 0, 1], after.Take(4).Select(d => d.Sequence));
        Assert.Equal([venue, acobamba], await site.WithDbAsync(db => db.FairSeriesStops.Where(s => s.FairSeriesId == id)
            .OrderBy(s => s.Position).Select(s => s.VenueId).ToListAsync(Token)));
        Assert.Empty(await site.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == producer.Email).ToListAsync(Token)));
    }

    [Fact]
    public async Task Staff_of_another_municipality_get_404_on_the_series_form_and_its_post()
    {
        var (staff, venue) = await StaffWithVenueAsync();
        var name = Unique("Feria ajena");
        var form = await WeeklySeriesFormAsync(site, name, venue);
        var id = await CreateSeriesAsync(site, staff, form);
        var parana = await SignedInAsync(site, ParanaStaff);

        var get = await parana.GetAsync($"/Staff/FairSeries/Edit/{id}", Token);
        form["Input.Name"] = "Tomada";
        var post = await Forms.PostAsync(parana, "/Staff/FairSeries/Edit", form, $"/Staff/FairSeries/Edit/{id}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain(name, await parana.GetStringAsync("/Staff/FairSeries", Token));
        Assert.Equal(name, await site.WithDbAsync(db => db.FairSeries.Where(s => s.Id == id).Select(s => s.Name).SingleAsync(Token)));
        var created = await Forms.PostAsync(parana, "/Staff/FairSeries/Edit", form);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("Elija: Municipio organizador.", WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync(Token)));
    }

    /// <summary>A staff exception made beforehand: the day moved one day later.</summary>
    private Task<int> MoveDirectlyAsync(int dayId) =>
        site.WithDbAsync(async db =>
        {
            var day = await db.FairDays.Include(d => d.FairSeries).Include(d => d.Venue).ThenInclude(v => v!.Municipality)
                .SingleAsync(d => d.Id == dayId, Token);
            day.Move(day.FairSeries!, day.Date.AddDays(1), day.VenueId, day.StartTime, day.EndTime, day.Venue!.Municipality!.Clock());
            await db.SaveChangesAsync(Token);
            return dayId;
        });
}
