// The structure of the bindings `spacetime generate --lang typescript` (CLI
// 2.8.3) wrote for SpacetimeDB's hangman template, read from
// clockworklabs/SpacetimeDB templates/hangman-react-ts/src/module_bindings
// (those files are not copied here): each file's exported names, each row
// and argument schema's fields, and what index.ts registers.
//
// Fields are written `name`, `name*` for the primary key, and
// `name=column` where the column's wire name differs.

export const HANGMAN_CLI_BINDINGS = {
  files: {
    'current_round_table.ts': ['default'],
    'guess_letter_reducer.ts': ['default'],
    'index.ts': [
      'DbView',
      'Tables',
      'tables',
      'reducers',
      'procedures',
      'EventContext',
      'ReducerEventContext',
      'SubscriptionEventContext',
      'ErrorContext',
      'SubscriptionHandle',
      'SubscriptionBuilder',
      'DbConnectionBuilder',
      'DbConnection',
    ],
    'my_progress_table.ts': ['default'],
    'player_table.ts': ['default'],
    'round_result_table.ts': ['default'],
    'set_name_reducer.ts': ['default'],
    'types.ts': [
      'CurrentRound',
      'MyProgress',
      'Player',
      'PlayerBoard',
      'PlayerProgress',
      'RoundPhase',
      'RoundResult',
      'RoundSecret',
      'TransitionKind',
      'TransitionTimer',
    ],
    'types/procedures.ts': [],
    'types/reducers.ts': ['GuessLetterParams', 'SetNameParams'],
  },
  fields: {
    'current_round_table.ts': [
      'id*',
      'roundNumber=round_number',
      'phase',
      'difficulty',
      'wordLength=word_length',
      'startedAt=started_at',
      'phaseEndsAt=phase_ends_at',
      'answer',
    ],
    'my_progress_table.ts': [
      'roundNumber=round_number',
      'maskedWord=masked_word',
      'guessedLetters=guessed_letters',
      'incorrectGuesses=incorrect_guesses',
      'solved',
      'failed',
    ],
    'player_table.ts': ['identity*', 'name'],
    'round_result_table.ts': [
      'identity*',
      'name',
      'rank',
      'solved',
      'solveTimeMicros=solve_time_micros',
      'incorrectGuesses=incorrect_guesses',
      'revealedLetters=revealed_letters',
    ],
    'guess_letter_reducer.ts': ['letter'],
    'set_name_reducer.ts': ['name'],
  },
  /** `tablesSchema` keys and the canonical names they map to, in order. */
  tables: [
    ['currentRound', 'current_round'],
    ['player', 'player'],
    ['roundResult', 'round_result'],
    ['myProgress', 'my_progress'],
  ],
  reducers: ['guess_letter', 'set_name'],
  procedures: [],
} as const;
