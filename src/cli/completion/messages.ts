import { defineMessages } from '../../core/i18n.ts';

// What people read of `tix completion` and of the candidates `tix __complete` describes (zsh and fish show
// descriptions; the candidates themselves stay English and stable).
export const t = defineMessages({
  en: {
    'completion.description': 'Print the shell completion script for bash, zsh or fish (also in completions/)',
    'completion.bashrc': '# bash: in ~/.bashrc',
    'completion.zshrc': '# zsh: in ~/.zshrc, after compinit',
    'complete.description': 'Print completion candidates, one per line (used by the completion scripts)',
    'complete.word': 'the word being completed',
    'complete.type': 'the request type given on the command line (for fields)',
    'complete.anyStatus': 'any {category} status: {meaning}',
    'complete.profile': '{email} on {server}',
    'complete.siret': 'SIRET {siret}',
    'complete.required': '{label} (required)',
    yes: 'yes',
    no: 'no',
  },
  fr: {
    'completion.description': 'Afficher le script de complétion pour bash, zsh ou fish (aussi dans completions/)',
    'completion.bashrc': '# bash : dans ~/.bashrc',
    'completion.zshrc': '# zsh : dans ~/.zshrc, après compinit',
    'complete.description': 'Afficher les candidats à la complétion, un par ligne (pour les scripts de complétion)',
    'complete.word': 'le mot en cours de complétion',
    'complete.type': 'le type de demande donné sur la ligne de commande (pour les champs)',
    'complete.anyStatus': 'tout statut {category} : {meaning}',
    'complete.profile': '{email} sur {server}',
    'complete.siret': 'SIRET {siret}',
    'complete.required': '{label} (obligatoire)',
    yes: 'oui',
    no: 'non',
  },
});
