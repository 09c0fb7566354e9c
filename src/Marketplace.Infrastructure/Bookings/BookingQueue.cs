namespace Marketplace.Infrastructure.Bookings;

/// <summary>
/// The bookings of this process waiting for their turn at the SQLite writer, one line per fair
/// day. The first in a line leads: once it has its turn it takes everyone in the line, books them
/// all in one transaction in the order they came, and answers each; then the next to arrive
/// leads. A storm of bookings on one day thus costs one read of the day and one commit per group
/// instead of one per booking.
/// </summary>
/// <remarks>
/// Only the line is kept here; what is booked is decided by <see cref="BookingDesk"/> on fresh
/// data inside the group's transaction, and the database's unique indexes still refuse any
/// stall held twice. A leader that cannot book its group tells each to book alone.
/// </remarks>
public sealed class BookingQueue
{
    /// <summary>The most bookings one group takes; the rest wait for the next group.</summary>
    public const int MaxGroup = 500;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, List<Place>> _lines = [];

    /// <summary>Joins the fair day's line; the place's <see cref="Place.Turn"/> says what to do.</summary>
    public Place Join(BookingRequest request)
    {
        var place = new Place(request);
        lock (_lock)
        {
            if (!_lines.TryGetValue(request.FairDayId, out var line))
            {
                line = [];
                _lines.Add(request.FairDayId, line);
            }
            line.Add(place);
            if (line.Count == 1)
            {
                place.Lead();
            }
        }
        return place;
    }

    /// <summary>
    /// The leader's group: the first <see cref="MaxGroup"/> places of the line, the leader first.
    /// They stay in the line until <see cref="Leave"/>, so newcomers keep waiting behind them.
    /// </summary>
    public List<Place> Group(Place leader)
    {
        lock (_lock)
        {
            var line = _lines[leader.Request.FairDayId];
            return line[..Math.Min(line.Count, MaxGroup)];
        }
    }

    /// <summary>
    /// The leader's group is done with (answered, or told to book alone): it leaves the line,
    /// and the first still in it leads the next group.
    /// </summary>
    public void Leave(Place leader, List<Place> group)
    {
        lock (_lock)
        {
            var dayId = leader.Request.FairDayId;
            var line = _lines[dayId];
            var done = group.ToHashSet();
            line.RemoveAll(done.Contains);
            if (line.Count == 0)
            {
                _lines.Remove(dayId);
            }
            else
            {
                line[0].Lead();
            }
        }
    }

    /// <summary>How many requests wait in the fair day's line, its leader included.</summary>
    public int CountWaiting(int fairDayId)
    {
        lock (_lock)
        {
            return _lines.TryGetValue(fairDayId, out var line) ? line.Count : 0;
        }
    }

    /// <summary>A booking request's place in its fair day's line.</summary>
    public sealed class Place(BookingRequest request)
    {
        private readonly TaskCompletionSource<BookingOutcome?> _turn =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public BookingRequest Request { get; } = request;

        /// <summary>True while this place leads its group.</summary>
        public bool IsLeader { get; private set; }

        /// <summary>
        /// Completes when the place leads (null, <see cref="IsLeader"/> set), is answered (the
        /// outcome), or must book alone (null, not leader).
        /// </summary>
        public Task<BookingOutcome?> Turn => _turn.Task;

        internal void Lead()
        {
            IsLeader = true;
            _turn.TrySetResult(null);
        }

        /// <summary>The group's leader answers this place.</summary>
        public void Answer(BookingOutcome outcome) => _turn.TrySetResult(outcome);

        /// <summary>The group could not be booked together: this place books alone.</summary>
        public void BookAlone() => _turn.TrySetResult(null);
    }
}
