using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Domain.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.BookingPages.BookingPagesSite;

namespace Marketplace.Web.Tests.BookingPages;

/// <summary>Booking a stall through the real pages: choose, see the fee, confirm, and every answer the desk can give.</summary>
public class BookingFlowTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Booking(int dayId, int? stallId, bool series = false) => new()
    {
        ["day"] = dayId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["stall"] = stallId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["series"] = series ? "true" : "false",
    };

    private static string ConfirmPath(int dayId, int? stallId, bool series = false) =>
        $"/Producer/Bookings/Confirm?day={dayId}&stall={stallId}&series={(series ? "true" : "false")}";

    [Fact]
    public async Task Booking_a_chosen_stall_from_the_fair_day_page_confirms_it()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site, freeStalls: 2);
        var stallId = (await site.WithDbAsync(db => FreeStallIdsAsync(db, day)))[1];
        var stallCode = await site.WithDbAsync(db => db.Stalls.Where(s => s.Id == stallId).Select(s => s.Code).SingleAsync(Token));

        var fairPage = await client.GetStringAsync($"/Fairs/{day.Id}", Token);
        Assert.Contains("<legend>Elija un puesto libre</legend>", fairPage);
        Assert.Contains($"<input type=\"radio\" name=\"stall\" id=\"stall-{stallId}\" value=\"{stallId}\"", fairPage);
        Assert.Contains("action=\"/Producer/Bookings/Confirm\"", fairPage);

        var confirm = await client.GetStringAsync(ConfirmPath(day.Id, stallId), Token);
        Assert.Contains($"Puesto {stallCode}", confirm);
        Assert.Matches("<dd id=\"fee\">[^<]+</dd>", confirm);

        var posted = await Forms.PostAsync(client, ConfirmPath(day.Id, stallId), Booking(day.Id, stallId));
        var (path, html) = await FollowAsync(client, posted);

        Assert.Matches("^/Producer/Bookings/[0-9]+[?]booked=1$", path);
        Assert.Contains($"Reserva confirmada: puesto {stallCode}.", html);
        Assert.Contains("Confirmada", html);
        var booking = await site.WithDbAsync(db => db.Bookings.SingleAsync(b => b.ProducerId == producer.Id, Token));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(stallId, booking.StallId);
        Assert.Equal($"/Producer/Bookings/{booking.Id}?booked=1", path);
    }

    [Fact]
    public async Task Asking_for_any_suitable_stall_confirms_a_free_one_and_the_dashboard_lists_it()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site);

        var posted = await Forms.PostAsync(client, ConfirmPath(day.Id, null), Booking(day.Id, null));
        var (_, html) = await FollowAsync(client, posted);

        Assert.Contains("Reserva confirmada: puesto", html);
        var booking = await site.WithDbAsync(db => db.Bookings.Include(b => b.Stall).SingleAsync(b => b.ProducerId == producer.Id, Token));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.NotNull(booking.StallId);

        var dashboard = await client.GetStringAsync("/Producer", Token);
        Assert.Contains($"href=\"/Producer/Bookings/{booking.Id}\"", dashboard);
        Assert.Contains(booking.Stall!.Code, dashboard);
        Assert.Contains(day.FairSeries!.Name, dashboard);
        Assert.Contains(day.Venue!.Name, dashboard);
    }

    [Fact]
    public async Task A_stall_taken_meanwhile_answers_with_the_free_stalls_left_to_choose_again()
    {
        var producer = await NewProducerAsync(site);
        var rival = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site, freeStalls: 3);
        var free = await site.WithDbAsync(db => FreeStallIdsAsync(db, day));
        var wanted = free[0];
        // The producer reads the confirmation page; meanwhile a rival takes the stall.
        var confirmPage = await client.GetAsync(ConfirmPath(day.Id, wanted), Token);
        Assert.Equal(HttpStatusCode.OK, confirmPage.StatusCode);
        var rivalClient = await SignInAsync(site, rival);
        var rivalPost = await Forms.PostAsync(rivalClient, ConfirmPath(day.Id, wanted), Booking(day.Id, wanted));
        Assert.Equal(HttpStatusCode.Redirect, rivalPost.StatusCode);

        var posted = await Forms.PostAsync(client, ConfirmPath(day.Id, wanted), Booking(day.Id, wanted));
        var (path, html) = await FollowAsync(client, posted);

        Assert.Equal($"/Producer/Bookings/New?day={day.Id}", path);
        Assert.Contains("Otro productor acaba de reservar ese puesto", html);
        var stillFree = await site.WithDbAsync(db => FreeStallIdsAsync(db, day));
        Assert.DoesNotContain(wanted, stillFree);
        Assert.DoesNotContain($"id=\"stall-{wanted}\"", html);
        foreach (var id in stillFree)
        {
            Assert.Contains($"id=\"stall-{id}\" value=\"{id}\"", html);
        }
        var codes = await site.WithDbAsync(db => db.Stalls.Where(s => stillFree.Contains(s.Id)).Select(s => s.Code).ToListAsync(Token));
        Assert.Contains("Puestos libres ahora: ", html);
        Assert.All(codes, code => Assert.Contains(code, html));
        Assert.False(await site.WithDbAsync(db => db.Bookings.AnyAsync(b => b.ProducerId == producer.Id, Token)));
    }

    [Fact]
    public async Task With_no_suitable_stall_left_the_producer_joins_the_waiting_list_and_sees_its_position()
    {
        var day = await BookableDayAsync(site, skip: 2);
        var filler = await NewProducerAsync(site);
        await site.WithDbAsync(async db =>
        {
            foreach (var stallId in await FreeStallIdsAsync(db, day))
            {
                db.Bookings.Add(Marketplace.Domain.Bookings.Booking.Confirm(day.Id, filler.Id, stallId, DateTime.UtcNow));
            }
            await db.SaveChangesAsync(Token);
        });
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);

        var fairPage = await client.GetStringAsync($"/Fairs/{day.Id}", Token);
        Assert.Contains("No quedan puestos libres", fairPage);

        var posted = await Forms.PostAsync(client, ConfirmPath(day.Id, null), Booking(day.Id, null));
        var (_, html) = await FollowAsync(client, posted);

        var booking = await site.WithDbAsync(db => db.Bookings.SingleAsync(b => b.ProducerId == producer.Id, Token));
        Assert.Equal(BookingStatus.Waitlisted, booking.Status);
        Assert.Contains($"está en la lista de espera en el lugar n.º {booking.WaitlistPosition}", html);
        Assert.Contains("En lista de espera", html);
        var dashboard = await client.GetStringAsync("/Producer", Token);
        Assert.Contains("(puesto n.º 1 en la lista de espera)", dashboard);
    }

    [Fact]
    public async Task Sending_the_confirmation_twice_books_once_and_shows_the_existing_booking()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site);

        var first = await Forms.PostAsync(client, ConfirmPath(day.Id, null), Booking(day.Id, null));
        var second = await Forms.PostAsync(client, ConfirmPath(day.Id, null), Booking(day.Id, null));
        // The browser shows only the answer to the last click.
        var (secondPath, html) = await FollowAsync(client, second);

        // Both lead to the one booking; only the first says it was just made.
        Assert.Equal(first.Headers.Location!.OriginalString, second.Headers.Location!.OriginalString + "?booked=1");
        Assert.Matches("^/Producer/Bookings/[0-9]+$", secondPath);
        Assert.Contains("Ya tiene una reserva para este día.", html);
        Assert.Equal(1, await site.WithDbAsync(db => db.Bookings.CountAsync(b => b.ProducerId == producer.Id, Token)));
    }

    [Fact]
    public async Task Booking_every_day_of_a_series_shows_one_answer_per_day_on_the_dashboard()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site);
        var openDays = await site.WithDbAsync(db =>
        {
            var now = DateTime.UtcNow;
            return db.FairDays.CountAsync(d => d.FairSeriesId == day.FairSeriesId && d.Status == Marketplace.Domain.Fairs.FairDayStatus.Scheduled
                && d.BookingOpensAtUtc <= now && d.BookingClosesAtUtc > now, Token);
        });

        var confirm = await client.GetStringAsync(ConfirmPath(day.Id, null, series: true), Token);
        Assert.Contains("Tarifa por día de feria", confirm);
        var posted = await Forms.PostAsync(client, ConfirmPath(day.Id, null, series: true), Booking(day.Id, null, series: true));
        var (_, html) = await FollowAsync(client, posted);

        Assert.Contains("Resultado de la reserva de todos los días", html);
        var bookings = await site.WithDbAsync(db => db.Bookings.Include(b => b.FairDay)
            .Where(b => b.ProducerId == producer.Id).ToListAsync(Token));
        Assert.Equal(openDays, bookings.Count);
        Assert.All(bookings, b => Assert.Equal(day.FairSeriesId, b.FairDay!.FairSeriesId));
        Assert.Equal(bookings.Count(b => b.Status == BookingStatus.Confirmed), Regex.Matches(html, "Reserva confirmada: puesto").Count);
    }

    [Fact]
    public async Task A_producer_account_without_a_profile_is_sent_to_fill_it_in()
    {
        var producer = await NewProducerAsync(site, withProfile: false);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site);

        var dashboard = await client.GetStringAsync("/Producer", Token);
        var fairPage = await client.GetStringAsync($"/Fairs/{day.Id}", Token);
        var confirm = await client.GetStringAsync(ConfirmPath(day.Id, null), Token);

        foreach (var html in new[] { dashboard, fairPage, confirm })
        {
            Assert.Contains("Para reservar, primero complete su perfil de productor.", html);
            Assert.Contains("href=\"/Producer/Profile\"", html);
        }
        Assert.DoesNotContain("<form method=\"post\"", confirm.Split("<main")[1]);
    }

    [Theory]
    [InlineData("PEN", "S/", "12,50")]
    [InlineData("BRL", "R$", "12,50")]
    public async Task The_confirmation_page_shows_the_fee_in_the_municipality_currency_and_a_waived_fee_as_waived(
        string currency, string symbol, string amount)
    {
        var producer = await NewProducerAsync(site);
        var day = await BookableDayAsync(site, currency: currency);
        await site.WithDbAsync(async db =>
        {
            var series = await db.FairSeries.Include(s => s.Fees).SingleAsync(s => s.Id == day.FairSeriesId, Token);
            series.Fees.RemoveAll(f => f.StallKind == Marketplace.Domain.Venues.StallKind.Produce);
            series.Fees.Add(new Marketplace.Domain.Fairs.SeriesFee { StallKind = Marketplace.Domain.Venues.StallKind.Produce, Amount = 12.5m });
            await db.SaveChangesAsync(Token);
        });
        var client = await SignInAsync(site, producer);

        var confirm = await client.GetStringAsync(ConfirmPath(day.Id, null), Token);
        Assert.Matches($"<dd id=\"fee\">{amount}\\s?{Regex.Escape(symbol)}</dd>", confirm);

        await site.WithDbAsync(async db =>
        {
            var row = await db.Producers.SingleAsync(p => p.Id == producer.Id, Token);
            row.IsFeeWaived = true;
            await db.SaveChangesAsync(Token);
        });
        var waived = await client.GetStringAsync(ConfirmPath(day.Id, null), Token);
        Assert.Matches($"<dd id=\"fee\">Exonerada \\(tarifa normal: {amount}\\s?{Regex.Escape(symbol)}\\)</dd>", waived);
    }

    [Theory]
    [InlineData("es", "Mi panel", "Elija un puesto libre", "Cualquier puesto adecuado")]
    [InlineData("pt-BR", "Meu painel", "Escolha uma banca livre", "Qualquer banca adequada")]
    [InlineData("en", "My dashboard", "Choose a free stall", "Any suitable stall")]
    public async Task The_booking_pages_speak_the_visitors_language(string culture, string dashboard, string legend, string any)
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site);

        var home = await client.GetStringAsync($"/Producer?culture={culture}", Token);
        var fairPage = await client.GetStringAsync($"/Fairs/{day.Id}?culture={culture}", Token);

        Assert.Contains($"<html lang=\"{culture}\">", home);
        Assert.Contains($"<h1>{dashboard}</h1>", home);
        Assert.Contains($"<legend>{legend}</legend>", fairPage);
        Assert.Contains(any, fairPage);
    }

    [Fact]
    public async Task An_unknown_fair_day_or_a_stall_of_another_venue_is_a_404()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site);
        var otherStall = await site.WithDbAsync(db => db.Stalls.Where(s => s.VenueId != day.VenueId).Select(s => s.Id).FirstAsync(Token));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ConfirmPath(987654, null), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ConfirmPath(day.Id, otherStall), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Producer/Bookings/New?day=987654", Token)).StatusCode);
    }
}
