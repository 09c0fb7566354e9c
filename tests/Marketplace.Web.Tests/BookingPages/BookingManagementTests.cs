using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.BookingPages.BookingPagesSite;

namespace Marketplace.Web.Tests.BookingPages;

/// <summary>After booking: cancelling, offers from the waiting list, what I'll bring, and nobody else's bookings.</summary>
public class BookingManagementTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<BookingOutcome> BookAsync(TestProducer producer, int dayId, int? stallId = null)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<BookingDesk>();
        return await desk.BookAsync(new BookingRequest(dayId, producer.Id, stallId), Token);
    }

    [Fact]
    public async Task The_outcome_is_told_on_the_redirect_after_booking_only_while_the_booking_still_has_it()
    {
        var producer = await NewProducerAsync(site);
        var day = await BookableDayAsync(site, cancellable: true);
        var outcome = await BookAsync(producer, day.Id);
        var client = await SignInAsync(site, producer);
        var page = $"/Producer/Bookings/{outcome.BookingId}";

        Assert.Contains($"Reserva confirmada: puesto {outcome.StallCode}.", await client.GetStringAsync(page + "?booked=1", Token));
        // Opened again later, from the dashboard: the status alone.
        Assert.DoesNotContain("Reserva confirmada", await client.GetStringAsync(page, Token));
        await site.WithDbAsync(async db =>
        {
            var booking = await db.Bookings.SingleAsync(b => b.Id == outcome.BookingId, Token);
            booking.Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync(Token);
        });
        // An old link once the booking moved on: nothing it no longer is.
        var cancelled = await client.GetStringAsync(page + "?booked=1", Token);
        Assert.DoesNotContain("Reserva confirmada", cancelled);
        Assert.Contains("Cancelada", cancelled);
    }

    [Fact]
    public async Task Cancelling_from_the_dashboard_cancels_the_booking()
    {
        var producer = await NewProducerAsync(site);
        var day = await BookableDayAsync(site, cancellable: true);
        var outcome = await BookAsync(producer, day.Id);
        Assert.Equal(BookingOutcomeKind.Confirmed, outcome.Kind);
        var client = await SignInAsync(site, producer);

        var dashboard = await client.GetStringAsync("/Producer", Token);
        Assert.Contains($"action=\"/Producer/Bookings/{outcome.BookingId}?handler=Cancel\"", dashboard);
        var posted = await Forms.PostAsync(client, "/Producer", new Dictionary<string, string> { ["returnUrl"] = "/Producer" },
            $"/Producer/Bookings/{outcome.BookingId}?handler=Cancel");
        var (path, html) = await FollowAsync(client, posted);

        Assert.Equal("/Producer", path);
        Assert.Contains("Reserva cancelada.", html);
        Assert.DoesNotContain($"href=\"/Producer/Bookings/{outcome.BookingId}\"", html);
        var booking = await site.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == outcome.BookingId, Token));
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
    }

    [Fact]
    public async Task After_the_deadline_the_cancel_button_is_gone_and_a_cancel_post_says_the_deadline_passed()
    {
        var producer = await NewProducerAsync(site);
        var day = await BookableDayAsync(site, cancellable: true);
        var outcome = await BookAsync(producer, day.Id);
        var client = await SignInAsync(site, producer);
        var detailsPath = $"/Producer/Bookings/{outcome.BookingId}";
        var token = await client.GetAsync(detailsPath, Token);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var deadline = await site.WithDbAsync(db => db.FairSeries.Where(s => s.Id == day.FairSeriesId)
            .Select(s => s.CancellationDeadlineHours).SingleAsync(Token));
        try
        {
            await SetDeadlineAsync(day.FairSeriesId, 24 * 400);
            var posted = await Forms.PostAsync(client, detailsPath, new Dictionary<string, string>(), $"{detailsPath}?handler=Cancel");
            var (_, html) = await FollowAsync(client, posted);

            Assert.Contains("Ya pasó el plazo para cancelar esta reserva.", html);
            Assert.Contains("El plazo para cancelar terminó el", html);
            Assert.DoesNotContain("?handler=Cancel", html);
            Assert.Equal(BookingStatus.Confirmed,
                await site.WithDbAsync(db => db.Bookings.Where(b => b.Id == outcome.BookingId).Select(b => b.Status).SingleAsync(Token)));
        }
        finally
        {
            await SetDeadlineAsync(day.FairSeriesId, deadline);
        }
    }

    [Fact]
    public async Task A_waitlisted_producer_accepts_the_offered_stall_from_the_dashboard()
    {
        var day = await BookableDayAsync(site, cancellable: true, skip: 1);
        var holders = new List<(TestProducer Producer, int BookingId)>();
        var free = await site.WithDbAsync(db => FreeStallIdsAsync(db, day));
        foreach (var stallId in free)
        {
            var holder = await NewProducerAsync(site);
            var taken = await BookAsync(holder, day.Id, stallId);
            Assert.Equal(BookingOutcomeKind.Confirmed, taken.Kind);
            holders.Add((holder, taken.BookingId!.Value));
        }
        var producer = await NewProducerAsync(site);
        var waiting = await BookAsync(producer, day.Id);
        Assert.Equal(BookingOutcomeKind.Waitlisted, waiting.Kind);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<BookingDesk>();
            Assert.Equal(CancelOutcome.Cancelled, await desk.CancelAsync(holders[0].BookingId, holders[0].Producer.Id, Token));
        }
        var client = await SignInAsync(site, producer);

        var dashboard = await client.GetStringAsync("/Producer", Token);
        Assert.Contains("Puestos que le ofrecen", dashboard);
        Assert.Contains($"action=\"/Producer/Bookings/{waiting.BookingId}?handler=Accept\"", dashboard);
        Assert.Contains("es suyo si lo acepta antes del", dashboard);
        var posted = await Forms.PostAsync(client, "/Producer", new Dictionary<string, string> { ["returnUrl"] = "/Producer" },
            $"/Producer/Bookings/{waiting.BookingId}?handler=Accept");
        var (_, html) = await FollowAsync(client, posted);

        Assert.Contains("Oferta aceptada: su reserva está confirmada.", html);
        var booking = await site.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == waiting.BookingId, Token));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(free[0], booking.StallId);
    }

    [Fact]
    public async Task What_I_will_bring_is_saved_and_shown_next_to_the_producer_on_the_fair_day_page()
    {
        var producer = await NewProducerAsync(site);
        var day = await BookableDayAsync(site);
        var outcome = await BookAsync(producer, day.Id);
        var potato = await site.WithDbAsync(db => db.ProductCategories.SingleAsync(c => c.Code == "native-potato", Token));
        var client = await SignInAsync(site, producer);
        var itemsPath = $"/Producer/Bookings/{outcome.BookingId}/Items";

        var form = await client.GetStringAsync(itemsPath, Token);
        Assert.Contains("name=\"Lines[9].Description\"", form);
        Assert.Contains("<label for=\"Lines_0__CategoryId\">", form);
        var posted = await Forms.PostAsync(client, itemsPath, new Dictionary<string, string>
        {
            ["Lines[0].CategoryId"] = potato.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lines[0].Description"] = "Papa amarilla y huayro",
            ["Lines[0].Quantity"] = "3 sacos",
            ["Lines[1].CategoryId"] = "",
            ["Lines[1].Description"] = "",
            ["Lines[1].Quantity"] = "",
            ["Lines[2].CategoryId"] = "",
            ["Lines[2].Description"] = "Chuño blanco",
            ["Lines[2].Quantity"] = "",
        });
        var (path, html) = await FollowAsync(client, posted);

        Assert.Equal($"/Producer/Bookings/{outcome.BookingId}", path);
        Assert.Contains("Lista guardada", html);
        var items = await site.WithDbAsync(db => db.BookingItems.Where(i => i.BookingId == outcome.BookingId).OrderBy(i => i.Id).ToListAsync(Token));
        Assert.Equal(2, items.Count);
        Assert.Equal(potato.Id, items[0].ProductCategoryId);
        Assert.Equal("3 sacos", items[0].Quantity);
        Assert.Equal("Chuño blanco", items[1].Description);

        var reader = site.CreateBrowserClient();
        reader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-PE");
        var fairPage = await reader.GetStringAsync($"/Fairs/{day.Id}", Token);
        var line = fairPage.Split("<li>").Single(l => l.Contains(producer.Name));
        Assert.Contains("Trae: Papa nativa: Papa amarilla y huayro (3 sacos); Chuño blanco", line);
    }

    [Fact]
    public async Task A_bad_line_answers_with_a_field_error_and_saves_nothing()
    {
        var producer = await NewProducerAsync(site);
        var day = await BookableDayAsync(site);
        var outcome = await BookAsync(producer, day.Id);
        var client = await SignInAsync(site, producer);
        var itemsPath = $"/Producer/Bookings/{outcome.BookingId}/Items";

        var response = await Forms.PostAsync(client, itemsPath, new Dictionary<string, string>
        {
            ["Lines[0].Description"] = "Quinua roja",
            ["Lines[1].Description"] = new string('x', 121),
            ["Lines[2].Quantity"] = "20 kg",
            ["Lines[3].CategoryId"] = "999999",
        });
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Admite como máximo 120 caracteres.", html);
        Assert.Contains("Elija un producto o escriba una descripción.", html);
        Assert.Contains("Elija un producto de la lista.", html);
        Assert.Matches("<input[^>]*aria-invalid=\"true\"[^>]*name=\"Lines\\[1\\]\\.Description\"", html);
        Assert.DoesNotMatch("<input[^>]*aria-invalid=\"true\"[^>]*name=\"Lines\\[0\\]\\.Description\"", html);
        Assert.Contains("value=\"Quinua roja\"", html);
        Assert.False(await site.WithDbAsync(db => db.BookingItems.AnyAsync(i => i.BookingId == outcome.BookingId, Token)));
    }

    [Fact]
    public async Task Another_producers_booking_is_a_404_for_every_page_and_action()
    {
        var owner = await NewProducerAsync(site);
        var intruder = await NewProducerAsync(site);
        var day = await BookableDayAsync(site);
        var outcome = await BookAsync(owner, day.Id);
        var mine = await BookAsync(intruder, day.Id);
        var client = await SignInAsync(site, intruder);
        var other = $"/Producer/Bookings/{outcome.BookingId}";

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(other, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{other}/Items", Token)).StatusCode);
        var ownPage = $"/Producer/Bookings/{mine.BookingId}";
        foreach (var handler in new[] { "Cancel", "Accept", "Decline" })
        {
            var response = await Forms.PostAsync(client, ownPage, new Dictionary<string, string>(), $"{other}?handler={handler}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var items = await Forms.PostAsync(client, $"{ownPage}/Items",
            new Dictionary<string, string> { ["Lines[0].Description"] = "Intruso" }, $"{other}/Items");
        Assert.Equal(HttpStatusCode.NotFound, items.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Producer/Bookings/987654", Token)).StatusCode);

        var booking = await site.WithDbAsync(db => db.Bookings.Include(b => b.Items).SingleAsync(b => b.Id == outcome.BookingId, Token));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Empty(booking.Items);
    }

    private Task SetDeadlineAsync(int seriesId, int hours) =>
        site.WithDbAsync(async db =>
        {
            var series = await db.FairSeries.SingleAsync(s => s.Id == seriesId, Token);
            series.CancellationDeadlineHours = hours;
            await db.SaveChangesAsync(Token);
        });
}
